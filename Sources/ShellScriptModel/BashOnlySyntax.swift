import Diagnostics

/// A construct of the script that bash has and POSIX sh does not, with what dash (the `sh`
/// of Debian and Ubuntu) does with it. A script whose shebang names `sh` is run by that
/// shell when started as `./deploy.sh`, whatever syntax it is written in.
///
/// Shape: `[[ -n "$X" ]]` on line 4 → `BashOnlySyntax(construct: "`[[ ]]`", underDash:
/// .notFound("[["), location: 4:1)`. The outcomes are dash 0.5.12's (Debian 12), checked
/// by running each construct; see "dash(1)" and POSIX.1-2024, XCU 2 "Shell Command
/// Language" (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html).
public struct BashOnlySyntax: Sendable, Hashable {
  /// What dash does where the construct is.
  public enum Outcome: Sendable, Hashable {
    /// dash stops reading the script: `Syntax error: ...` (exit status 2).
    case syntaxError(String)
    /// dash stops the script while expanding it: `Bad substitution` (exit status 2).
    case badSubstitution
    /// A special built-in's error, which ends a non-interactive shell (`set: Illegal option
    /// -o pipefail`, exit status 2).
    case fatalError(String)
    /// The command does not exist: `NAME: not found`, status 127 (the script stops there
    /// under `set -e`, else goes on as if the command had failed).
    case notFound(String)
    /// dash reads the text otherwise, without an error: what it does instead.
    case readOtherwise(String)

    /// dash's behaviour, for a message ("stops with `Syntax error: "(" unexpected`").
    public var description: String {
      switch self {
      case .syntaxError(let text): "stops with `Syntax error: \(text)`"
      case .badSubstitution: "stops with `Bad substitution`"
      case .fatalError(let text): "stops with `\(text)`"
      case .notFound(let name): "reports `\(name): not found` (status 127)"
      case .readOtherwise(let text): text
      }
    }
  }

  /// The construct as a reader knows it, e.g. "`[[ ]]`", "an array assignment".
  public var construct: String
  public var underDash: Outcome
  public var location: SourceLocation

  public init(construct: String, underDash: Outcome, location: SourceLocation) {
    self.construct = construct
    self.underDash = underDash
    self.location = location
  }

  /// Commands bash has built in and dash does not (dash: `NAME: not found`).
  static let bashOnlyBuiltins: Set<String> = [
    "source", "declare", "typeset", "let", "shopt", "mapfile", "readarray", "pushd", "popd", "dirs", "disown", "coproc",
  ]
}

extension ShellScript {
  /// The bash-only constructs written anywhere in the script (function bodies and command
  /// substitutions included), in source order. Left out: those dash reads the same or
  /// almost so (`$'...'` quoting prints its text, `echo -e` prints `-e`).
  public var bashOnlySyntax: [BashOnlySyntax] {
    var found: [BashOnlySyntax] = []
    func add(_ construct: String, _ outcome: BashOnlySyntax.Outcome, _ location: SourceLocation) {
      found.append(BashOnlySyntax(construct: construct, underDash: outcome, location: location))
    }
    SyntaxWalk.forEachStatement(in: statements) { statement in
      for redirection in statement.redirections { Self.collect(redirection, add) }
      switch statement.kind {
      case .conditional(let command): add("`[[ ]]`", .notFound("[["), command.location)
      case .arithmetic(let command):
        add("the arithmetic command `(( ))`", .readOtherwise("reads two nested subshells running a command named by the expression's first word (`NAME: not found`, status 127)"), command.location)
      case .coprocess: add("`coproc`", .notFound("coproc"), statement.location)
      case .functionDefinition(let definition) where definition.usesFunctionKeyword:
        add("the `function` keyword", .syntaxError("\"}\" unexpected"), definition.location)
      case .forClause(let clause) where clause.isSelect: add("`select`", .syntaxError("\"do\" unexpected"), statement.location)
      case .forClause(let clause):
        if case .arithmetic = clause.header { add("the arithmetic `for (( ))` loop", .syntaxError("Bad for loop variable"), statement.location) }
      case .simple(let command):
        for assignment in command.assignments { Self.collect(assignment, add) }
        for redirection in command.redirections { Self.collect(redirection, add) }
        Self.collect(command, add)
      default: break
      }
      SyntaxWalk.forEachWord(in: statement, descend: false) { word in Self.collect(word.parts, add) }
    }
    return found.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
  }

  private typealias Add = (String, BashOnlySyntax.Outcome, SourceLocation) -> Void

  private static func collect(_ assignment: Assignment, _ add: Add) {
    if case .array = assignment.value {
      add("an array assignment", .syntaxError("\"(\" unexpected"), assignment.location)
    } else if assignment.arrayIndex != nil || assignment.subscriptWord != nil {
      add("an array element assignment", .notFound("\(assignment.name)[...]=..."), assignment.location)
    } else if assignment.isAppend {
      add("the `+=` assignment", .notFound("\(assignment.name)+=..."), assignment.location)
    }
  }

  private static func collect(_ redirection: Redirection, _ add: Add) {
    switch redirection.op {
    case .hereString: add("the here-string `<<<`", .syntaxError("redirection unexpected"), redirection.location)
    case .outputAndError, .appendOutputAndError:
      add("`\(redirection.op.rawValue)`", .readOtherwise("reads `&` and then `>`: it runs the command in the background (its status is always 0) and only truncates the file"), redirection.location)
    default: break
    }
  }

  private static func collect(_ command: SimpleCommand, _ add: Add) {
    guard let name = command.name?.literalValue else { return }
    let arguments = command.words.dropFirst().map { $0.literalValue }
    if BashOnlySyntax.bashOnlyBuiltins.contains(name) {
      add("`\(name)`", .notFound(name), command.words[0].location)
    } else if name == "set", let index = arguments.firstIndex(of: "pipefail"), index > 0,
      let option = arguments[index - 1], option.hasPrefix("-") || option.hasPrefix("+"), option.hasSuffix("o")
    {
      add("`set -o pipefail`", .fatalError("set: Illegal option -o pipefail"), command.words[0].location)
    } else if name == "[" || name == "test", let index = arguments.firstIndex(of: "==") {
      add("`==` in `\(name)`", .readOtherwise("stops `\(name)` with `unexpected operator` (status 2: the test is false)"), command.words[index + 1].location)
    }
  }

  /// The parameter expansions, process substitutions and array literals among `parts`
  /// (not inside command substitutions: their statements are walked on their own).
  private static func collect(_ parts: [WordPart], _ add: Add) {
    for part in parts {
      switch part.kind {
      case .doubleQuoted(let inner): collect(inner, add)
      case .processSubstitution: add("process substitution `<( )`", .syntaxError("\"(\" unexpected"), part.location)
      case .parameter(let expansion):
        if let construct = bashOnlyConstruct(expansion) { add(construct, .badSubstitution, part.location) }
        for word in expansion.operation.words { collect(word.parts, add) }
      default: break
      }
    }
  }

  /// What makes `expansion` bash's, or nil for a POSIX expansion.
  private static func bashOnlyConstruct(_ expansion: ParameterExpansion) -> String? {
    if expansion.isIndirect { return "the indirect expansion `${!name}`" }
    if expansion.arrayIndex != nil { return "an array subscript `${name[...]}`" }
    switch expansion.operation {
    case .substring: return "the substring expansion `${name:offset:length}`"
    case .replace: return "the replacement expansion `${name/pattern/string}`"
    case .upperCase, .lowerCase, .toggleCase: return "a case-changing expansion (`${name^^}`, `${name,,}`)"
    case .transform: return "an `@` transformation (`${name@Q}`)"
    case .matchingNames: return "the name-matching expansion `${!prefix*}`"
    default: return nil
    }
  }
}
