import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct WordTests {
  /// Words without expansions: their literal value after quote removal.
  @Test(arguments: [
    ("plain", "plain"),
    ("'single quoted $HOME'", "single quoted $HOME"),
    ("\"double quoted\"", "double quoted"),
    ("\"a\\\"b\\$c\\\\d\\e\"", "a\"b$c\\d\\e"),
    ("a\\ b", "a b"),
    ("'a'\"b\"c", "abc"),
    ("$'tab\\there\\n'", "tab\there\n"),
    ("$'\\x41\\101\\u00e9'", "AAé"),
    ("'it'\\''s'", "it's"),
    ("--flag=value", "--flag=value"),
    ("a\\\nb", "ab"),
    ("{a,b}", "{a,b}"),
    ("x#y", "x#y"),
  ])
  func literalValues(source: String, expected: String) throws {
    let word = try argumentWord(source)
    #expect(word.literalValue == expected)
    #expect(word.text == source)
  }

  /// The kinds of parts a word is made of.
  @Test func partsOfAConcatenatedWord() throws {
    let word = try argumentWord("\"${REPO_URI}\":latest'x'\\y$(date)`id`$((1+2))~")
    #expect(word.parts.count == 8)
    guard case .doubleQuoted(let inner) = word.parts[0].kind, case .parameter(let expansion) = inner.first?.kind else {
      Issue.record("expected a double-quoted parameter, got \(word.parts[0].kind)")
      return
    }
    #expect(expansion.parameter == "REPO_URI")
    #expect(expansion.isBraced)
    #expect(word.parts[1].kind == .literal(":latest"))
    #expect(word.parts[2].kind == .singleQuoted("x"))
    #expect(word.parts[3].kind == .escaped("y"))
    guard case .commandSubstitution(let dollar) = word.parts[4].kind, case .commandSubstitution(let backquoted) = word.parts[5].kind else {
      Issue.record("expected two command substitutions")
      return
    }
    #expect(dollar.text == "date" && !dollar.isBackquoted)
    #expect(backquoted.text == "id" && backquoted.isBackquoted)
    #expect(word.parts[6].kind == .arithmetic("1+2"))
    #expect(word.parts[7].kind == .literal("~"))
    #expect(word.literalValue == nil)
    #expect(word.parts[1].location == SourceLocation(file: "deploy.sh", line: 1, column: 19))
  }

  @Test func tildeAtWordStart() throws {
    let word = try argumentWord("~/bin")
    #expect(word.parts.first?.kind == .tilde(""))
    #expect(word.parts.last?.kind == .literal("/bin"))
    #expect(try argumentWord("~deploy/x").parts.first?.kind == .tilde("deploy"))
  }

  /// Simple `$` parameters.
  @Test(arguments: [
    ("$ENV", "ENV"), ("$1", "1"), ("$10", "1"), ("$?", "?"), ("$#", "#"), ("$@", "@"), ("$*", "*"), ("$$", "$"),
    ("$!", "!"), ("$-", "-"), ("$0", "0"), ("$_x9", "_x9"),
  ])
  func simpleParameters(source: String, name: String) throws {
    let word = try argumentWord(source)
    guard case .parameter(let expansion) = word.parts.first?.kind else {
      Issue.record("not a parameter: \(word.parts)")
      return
    }
    #expect(expansion.parameter == name)
    #expect(!expansion.isBraced)
    #expect(expansion.operation == .value)
  }

  @Test func dollarAloneIsLiteral() throws {
    #expect(try argumentWord("a$").literalValue == "a$")
    #expect(try argumentWord("\"$ x\"").literalValue == "$ x")
    #expect(try argumentWord("\"cost: $\"").literalValue == "cost: $")
  }

  /// A command substitution nested in double quotes inside a command substitution.
  @Test func nestedCommandSubstitutions() throws {
    let word = try argumentWord("\"$(dirname \"$(readlink -f \"$0\")\")\"")
    guard case .doubleQuoted(let outer) = word.parts[0].kind, case .commandSubstitution(let first) = outer[0].kind else {
      Issue.record("expected \"$(...)\"")
      return
    }
    #expect(first.text == "dirname \"$(readlink -f \"$0\")\"")
    let inner = try #require(first.statements.first?.simpleCommand?.arguments.first?.commandSubstitutions.first)
    #expect(inner.text == "readlink -f \"$0\"")
    #expect(inner.statements.first?.simpleCommand?.name?.literalValue == "readlink")
    #expect(word.isCommandSubstitutionOnly)
    #expect(word.references(parameter: "0"))
  }

  @Test func caseInsideCommandSubstitution() throws {
    let word = try argumentWord("$(case $1 in a) echo A;; *) echo B;; esac)")
    let substitution = try #require(word.commandSubstitutions.first)
    guard case .caseClause(let clause) = substitution.statements.first?.kind else {
      Issue.record("expected a case statement")
      return
    }
    #expect(clause.items.count == 2)
  }

  @Test func backquotesUnescapeBeforeParsing() throws {
    let word = try argumentWord("`echo \\`date\\` \\$HOME`")
    let outer = try #require(word.commandSubstitutions.first)
    #expect(outer.text == "echo `date` $HOME")
    let arguments = try #require(outer.statements.first?.simpleCommand?.arguments)
    #expect(arguments.count == 2)
    #expect(arguments[0].commandSubstitutions.first?.text == "date")
    #expect(arguments[1].parameterExpansions.first?.parameter == "HOME")
    // Positions inside backquotes map back to the file: `$HOME` is at column 21.
    #expect(arguments[1].location == SourceLocation(file: "deploy.sh", line: 1, column: 21))
  }

  @Test func arithmeticVersusSubshellInSubstitution() throws {
    #expect(try argumentWord("$(( (1+2) * 3 ))").parts.first?.kind == .arithmetic(" (1+2) * 3 "))
    let word = try argumentWord("$((echo a); (echo b))")
    let substitution = try #require(word.commandSubstitutions.first)
    #expect(substitution.statements.count == 2)
  }

  @Test func processSubstitution() throws {
    let statement = try #require(try statements("diff <(sort a) >(cat)").first?.simpleCommand)
    guard case .processSubstitution(let input, let isOutput) = statement.arguments[0].parts[0].kind else {
      Issue.record("expected a process substitution")
      return
    }
    #expect(input.text == "sort a" && !isOutput)
    guard case .processSubstitution(_, true) = statement.arguments[1].parts[0].kind else {
      Issue.record("expected an output process substitution")
      return
    }
  }

  @Test func extendedGlobAndArrayAssignment() throws {
    let command = try #require(try statements("rm !(keep).txt\nARR=(one \"two three\" $(x))").first?.simpleCommand)
    #expect(command.arguments.first?.literalValue == "!(keep).txt")
    let script = try parse("ARR=(one \"two three\"\n  four) # comment\necho ${ARR[1]} ${#ARR[@]}")
    let assignment = try #require(script.statements.first?.assignments.first)
    #expect(assignment.name == "ARR")
    guard case .array(let elements) = assignment.value else {
      Issue.record("expected an array value")
      return
    }
    #expect(elements.map(\.literalValue) == ["one", "two three", "four"])
    let echo = try #require(script.execution.commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal == "two three")
    #expect(echo.resolvedArguments[1].literal == "3")
  }

  @Test func assignmentWords() throws {
    let command = try #require(try statements("A=1 B+=x C[2]=y D= E=\"$(cmd)\" run X=1").first?.simpleCommand)
    #expect(command.assignments.map(\.name) == ["A", "B", "C", "D", "E"])
    #expect(command.assignments[1].isAppend)
    #expect(command.assignments[2].arrayIndex == "2")
    #expect(command.assignments[3].value.words.map(\.literalValue) == [""])
    #expect(command.assignments[4].hasCommandSubstitution)
    #expect(command.name?.literalValue == "run")
    #expect(command.arguments.map(\.text) == ["X=1"])
    #expect(Assignment(word: try argumentWord("'A'=1")) == nil)
    #expect(Assignment(word: try argumentWord("1A=1")) == nil)
  }
}
