/// Whether a command's output is the SHA of the current commit (`HEAD`), in full or
/// abbreviated, and nothing else.
///
/// Accepted, with `git` global options (`-c k=v`, `--no-pager`, and `-C` with `.` or a
/// path from a variable, taken to be the repository) allowed; `-C` with another literal
/// path, `--git-dir` and `--work-tree` name another repository and are refused:
/// - `git rev-parse [--short[=N]] [--verify] [-q] HEAD` (also `@`, `HEAD^{commit}`,
///   `HEAD^0`): prints the object name of HEAD, abbreviated with `--short`
///   (https://git-scm.com/docs/git-rev-parse); `--abbrev-ref HEAD` prints the branch
///   name and `--symbolic` the name as written, so they are refused, as is any other
///   revision (`HEAD~1` names the parent);
/// - `git log -1 --format=%h` (or `%H`, `--pretty=format:...`, `-n 1`, `--max-count=1`),
///   with no revision or HEAD and no path (a path selects the last commit that touched it);
/// - `git show -s --format=%h [HEAD]`;
/// - any of these piped through `cut -c1-N`, `head -cN` (N ≥ 7, git's default
///   abbreviation) or `tr -d` of newlines/blanks.
///
/// The text is the command as written inside `$(...)`; a list (`;`, `&&`, `||`) is refused:
/// `git rev-parse --short HEAD || echo unknown` can give something else.
enum CurrentCommitCommand {
  static func isCurrentCommitSHA(_ command: String) -> Bool {
    guard !command.containsText(";"), !command.containsText("&&"), !command.containsText("||"), !command.containsText("\n") else { return false }
    let stages = command.split(separator: "|").map { words(String($0)) }
    guard let first = stages.first, isGitCommitQuery(first) else { return false }
    return stages.dropFirst().allSatisfy(isPrefixFilter)
  }

  /// Whitespace-separated words with surrounding quotes removed.
  static func words(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
      var value = String(word)
      for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
        value = String(value.dropFirst().dropLast())
      }
      return value.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "")
    }
  }

  static let headNames: Set = ["HEAD", "@", "HEAD^{commit}", "HEAD^0", "HEAD^{}", "@^{commit}"]
  static let formats: Set = ["%h", "%H", "format:%h", "format:%H", "tformat:%h", "tformat:%H"]

  private static func isGitCommitQuery(_ words: [String]) -> Bool {
    guard words.first == "git" else { return false }
    var index = 1
    while index < words.count, words[index].hasPrefix("-") {
      let option = words[index]
      // Another repository's HEAD is not this commit: a literal `-C` path other than the
      // current directory, or `--git-dir`/`--work-tree` (https://git-scm.com/docs/git#_options).
      if option.hasPrefix("--git-dir") || option.hasPrefix("--work-tree") { return false }
      if option == "-C" {
        guard index + 1 < words.count else { return false }
        let path = words[index + 1]
        guard path.containsText("$") || path == "." || path == "./" else { return false }
      }
      if option == "-C" || option == "-c" { index += 1 }
      index += 1
    }
    guard index < words.count else { return false }
    let subcommand = words[index]
    let arguments = Array(words[(index + 1)...])
    switch subcommand {
    case "rev-parse": return isRevParseOfHead(arguments)
    case "log": return isLogOfHead(arguments, needsCount: true)
    case "show": return isLogOfHead(arguments, needsCount: false) && arguments.contains { $0 == "-s" || $0 == "--no-patch" }
    default: return false
    }
  }

  private static func isRevParseOfHead(_ arguments: [String]) -> Bool {
    var revisions: [String] = []
    for argument in arguments {
      if argument == "--short" || argument.hasPrefix("--short=") {
        guard argument == "--short" || Int(argument.dropFirst("--short=".count)) != nil else { return false }
      } else if ["--verify", "-q", "--quiet", "--end-of-options"].contains(argument) {
        continue
      } else if argument.hasPrefix("-") {
        return false
      } else {
        revisions.append(argument)
      }
    }
    return revisions.count == 1 && headNames.contains(revisions[0])
  }

  private static func isLogOfHead(_ arguments: [String], needsCount: Bool) -> Bool {
    var hasCount = false
    var hasFormat = false
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "-1" || argument == "-n1" || argument == "--max-count=1" {
        hasCount = true
      } else if argument == "-n" || argument == "--max-count" {
        guard index + 1 < arguments.count, arguments[index + 1] == "1" else { return false }
        hasCount = true
        index += 1
      } else if let value = optionValue(argument, ["--format=", "--pretty="]) {
        guard formats.contains(value) else { return false }
        hasFormat = true
      } else if ["-s", "--no-patch", "--no-color", "--no-decorate", "--abbrev-commit"].contains(argument) || argument.hasPrefix("--abbrev=") {
        // Changes nothing the rule reads; the loop's step below moves past it.
      } else if argument.hasPrefix("-") {
        return false
      } else if !headNames.contains(argument) {
        return false
      }
      index += 1
    }
    return hasFormat && (hasCount || !needsCount)
  }

  private static func optionValue(_ argument: String, _ names: [String]) -> String? {
    for name in names where argument.hasPrefix(name) { return String(argument.dropFirst(name.count)) }
    return nil
  }

  /// `cut -c1-N`, `head -c N`, `tr -d '\n'`: keep a prefix of the SHA.
  private static func isPrefixFilter(_ words: [String]) -> Bool {
    guard let name = words.first else { return false }
    let arguments = Array(words.dropFirst())
    func longEnough(_ text: Substring) -> Bool { Int(text).map { $0 >= 7 } ?? false }
    switch name {
    case "cut":
      let spec = arguments.count == 2 && arguments[0] == "-c" ? arguments[1] : (arguments.count == 1 && arguments[0].hasPrefix("-c") ? String(arguments[0].dropFirst(2)) : "")
      let bounds = spec.split(separator: "-", omittingEmptySubsequences: false)
      guard bounds.count == 2, bounds[0].isEmpty || bounds[0] == "1" else { return false }
      return longEnough(bounds[1])
    case "head":
      if arguments.count == 2, arguments[0] == "-c" { return longEnough(Substring(arguments[1])) }
      if arguments.count == 1, arguments[0].hasPrefix("-c") { return longEnough(arguments[0].dropFirst(2)) }
      return false
    case "tr":
      return arguments.count == 2 && arguments[0] == "-d" && ["\\n", "[:space:]", "\\r\\n", "[:blank:]\\n"].contains(arguments[1])
    default:
      return false
    }
  }
}
