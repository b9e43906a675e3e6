/// One call of a stand-in program (or of the virtual `sleep`), as the stand-in logged it
/// in `calls.log`: the world's clock when it ran, the program and its argv.
struct RecordedCall: Sendable, CustomStringConvertible {
  /// The world's clock, in seconds, when the call ran.
  var clock: Int
  /// `aws`, `sam`, `docker`, `git` or `sleep`.
  var tool: String
  var arguments: [String]

  /// Parses one log line: clock, tool and arguments separated by U+001F; `\n` in an
  /// argument stands for a newline. Nil for a malformed line.
  init?(logLine: Substring) {
    let fields = logLine.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 2, let clock = Int(fields[0]) else { return nil }
    self.clock = clock
    tool = fields[1]
    arguments = fields.dropFirst(2).map { $0.replacingOccurrences(of: "\\n", with: "\n") }
  }

  /// True when the call is `tool words...` (the words are the first arguments).
  func `is`(_ tool: String, _ words: String...) -> Bool {
    self.tool == tool && arguments.count >= words.count && Array(arguments.prefix(words.count)) == words
  }

  /// The argument after `flag` (`--region us-east-1` → `us-east-1`), if any.
  func value(of flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
  }

  /// The values of a flag that may repeat (`-t a -t b` → [a, b]).
  func values(of flag: String) -> [String] {
    arguments.indices.filter { arguments[$0] == flag && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
  }

  /// A prerequisite probe: a call that only checks a tool (11.1), never changes anything.
  var isPrerequisiteProbe: Bool {
    `is`("docker", "info") || `is`("docker", "version") || `is`("sam", "--version") || `is`("aws", "--version")
      || `is`("git", "--version") || `is`("git", "rev-parse", "--is-inside-work-tree") || `is`("git", "rev-parse", "--git-dir")
  }

  /// A check of the ECS service's stability: a describe-services query of the running and
  /// desired counts, or the CLI waiter.
  var isStabilityCheck: Bool {
    (`is`("aws", "ecs", "describe-services") && (value(of: "--query")?.contains("runningCount") ?? true))
      || `is`("aws", "ecs", "wait", "services-stable")
  }

  var description: String { "[t=\(clock)s] \(tool) \(arguments.joined(separator: " "))" }
}
