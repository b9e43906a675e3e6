/// A control operator of the shell grammar (Bash Reference Manual, 2 "Definitions").
enum ControlOperator: String {
  case semicolon = ";"
  case doubleSemicolon = ";;"
  case semicolonAmpersand = ";&"
  case doubleSemicolonAmpersand = ";;&"
  case ampersand = "&"
  case and = "&&"
  case or = "||"
  case pipe = "|"
  case pipeAmpersand = "|&"
  case openParenthesis = "("
  case closeParenthesis = ")"
}
