/// Splits shell text (a RUN command, a heredoc script) into simple commands, each a list
/// of words, so RUN can be read for package installs and user creation. It never runs
/// anything.
///
/// Words follow POSIX quoting: `'…'` is literal, `"…"` keeps `$`, `\` escapes; `$(…)`,
/// `${…}` and backquotes stay inside their word unexpanded. Commands end at `;`, `&`, `|`,
/// `&&`, `||`, a newline, `(` or `)`; `#` at the start of a word starts a comment;
/// redirections (`>file`, `2>&1`, `<<EOF`) are dropped with their target. Unbalanced
/// quotes end the text. The scan is linear: nesting is counted, not recursed.
enum ShellCommandSplitter {
  static func commands(in text: String) -> [[String]] {
    var splitter = Splitter(scalars: Array(text.unicodeScalars))
    return splitter.run()
  }

  private struct Splitter {
    let scalars: [Unicode.Scalar]
    var index = 0
    var commands: [[String]] = []
    var words: [String] = []
    var word = String.UnicodeScalarView()
    var inWord = false
    var skipNextWord = false

    init(scalars: [Unicode.Scalar]) {
      self.scalars = scalars
    }

    mutating func run() -> [[String]] {
      while index < scalars.count {
        let scalar = scalars[index]
        switch scalar {
        case " ", "\t":
          endWord()
          index += 1
        case "\n", ";", "&", "|", "(", ")":
          endWord()
          endCommand()
          index += 1
        case "#" where !inWord:
          while index < scalars.count, scalars[index] != "\n" { index += 1 }
        case ">", "<":
          if inWord, word.allSatisfy(Scalars.isASCIIDigit) {
            word = String.UnicodeScalarView()
            inWord = false
          }
          endWord()
          index += 1
          while index < scalars.count, ">&<-|".unicodeScalars.contains(scalars[index]) { index += 1 }
          skipNextWord = true
        case "'":
          inWord = true
          index += 1
          while index < scalars.count, scalars[index] != "'" {
            word.append(scalars[index])
            index += 1
          }
          index += 1
        case "\"":
          inWord = true
          index += 1
          while index < scalars.count, scalars[index] != "\"" {
            if scalars[index] == "\\", index + 1 < scalars.count, "\"\\$`\n".unicodeScalars.contains(scalars[index + 1]) {
              index += 1
              if scalars[index] != "\n" { word.append(scalars[index]) }
            } else if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "(" || scalars[index + 1] == "{" {
              copyBalanced()
              continue
            } else {
              word.append(scalars[index])
            }
            index += 1
          }
          index += 1
        case "\\":
          index += 1
          if index < scalars.count {
            if scalars[index] != "\n" {
              word.append(scalars[index])
              inWord = true
            }
            index += 1
          }
        case "$" where index + 1 < scalars.count && (scalars[index + 1] == "(" || scalars[index + 1] == "{"):
          inWord = true
          copyBalanced()
        case "`":
          inWord = true
          word.append(scalar)
          index += 1
          while index < scalars.count, scalars[index] != "`" {
            word.append(scalars[index])
            index += 1
          }
          if index < scalars.count { word.append("`") }
          index += 1
        default:
          word.append(scalar)
          inWord = true
          index += 1
        }
      }
      endWord()
      endCommand()
      return commands
    }

    /// Copies `$(…)` or `${…}` into the word, counting nested brackets.
    mutating func copyBalanced() {
      let open = scalars[index + 1]
      let close: Unicode.Scalar = open == "(" ? ")" : "}"
      word.append("$")
      word.append(open)
      index += 2
      var depth = 1
      while index < scalars.count, depth > 0 {
        let scalar = scalars[index]
        if scalar == open { depth += 1 }
        if scalar == close { depth -= 1 }
        word.append(scalar)
        index += 1
      }
    }

    mutating func endWord() {
      guard inWord else { return }
      if skipNextWord {
        skipNextWord = false
      } else {
        words.append(String(word))
      }
      word = String.UnicodeScalarView()
      inWord = false
    }

    mutating func endCommand() {
      skipNextWord = false
      if !words.isEmpty { commands.append(words) }
      words = []
    }
  }
}
