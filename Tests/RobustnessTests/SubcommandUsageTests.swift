import Testing

/// `vibe-rules` parses a command line that starts with a subcommand's name with that
/// subcommand alone first (`VibeRules.parse`). Help and errors must still read as the
/// whole tool's: usage lines name `vibe-rules`, and a group's subcommands keep theirs.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct SubcommandUsageTests {
  static let commands = ["report", "check", "list", "explain", "cost", "probe", "graph", "baseline check", "debug dockerfile", "debug"]

  @Test(arguments: commands)
  func helpNamesTheTool(command: String) throws {
    let words = command.split(separator: " ").map(String.init)
    let result = try #require(try Command.run(words + ["--help"]))
    #expect(result.status == 0, "\(command): \(result.standardError)")
    #expect(result.standardOutput.contains("USAGE: vibe-rules \(command)"), "\(command): \(result.standardOutput.prefix(300))")
  }

  @Test func anUnknownOptionIsAUsageError() throws {
    let result = try #require(try Command.run(["report", "--bogus"]))
    #expect(result.status == 2)
    #expect(result.standardError == "error: Unknown option '--bogus' (see vibe-rules report --help)\n")
  }

  /// A usage error points at the help of the command it was made in, a group's
  /// subcommand included; arguments that name no subcommand point at the tool's help.
  @Test(arguments: [
    (["baseline", "check", "--bogus"], "vibe-rules baseline check"),
    (["debug", "dockerfile", "--bogus"], "vibe-rules debug dockerfile"),
    (["--bogus"], "vibe-rules"),
  ])
  func aUsageErrorPointsAtItsCommandsHelp(arguments: [String], command: String) throws {
    let result = try #require(try Command.run(arguments))
    #expect(result.status == 2)
    #expect(result.standardError.hasSuffix(" (see \(command) --help)\n"), "\(result.standardError)")
  }

  /// A misspelt subcommand is taken by the default subcommand as an unexpected argument;
  /// the message says which subcommand it most likely meant.
  @Test(arguments: [("reprot", "report"), ("lsit", "list"), ("explian", "explain")])
  func aMisspeltSubcommandGetsASuggestion(written: String, meant: String) throws {
    let result = try #require(try Command.run([written]))
    #expect(result.status == 2)
    #expect(result.standardError == "error: Unexpected argument '\(written)'; did you mean `\(meant)`? (see vibe-rules --help)\n")
  }

  /// explain with a misspelt rule id names the rule most likely meant: within two
  /// edits, or whose start is one edit from what was typed.
  @Test(arguments: [("image-prot", "image-port"), ("changeset-confirmd", "changeset-confirmed-in-prod")])
  func aMisspeltRuleIdGetsASuggestion(written: String, meant: String) throws {
    let result = try #require(try Command.run(["explain", written]))
    #expect(result.status == 2)
    #expect(result.standardError.contains("\"\(written)\" is neither a rule id nor a requirement ID (did you mean \(meant)?)"), "\(result.standardError)")
  }

  @Test func aWordFarFromEverySubcommandGetsNoSuggestion() throws {
    let result = try #require(try Command.run(["xyz"]))
    #expect(result.status == 2)
    #expect(result.standardError == "error: Unexpected argument 'xyz' (see vibe-rules --help)\n")
  }

  /// A negative number given to a numeric option of `cost` or `probe` is its value, checked against
  /// the option's range, not an unknown option `-3` leaving the value missing.
  @Test(arguments: [
    (["cost", "--tasks", "-3"], "--tasks must be from 0 to 10000"),
    (["cost", "--spot-discount", "-0.5"], "--spot-discount must be from 0 to 0.9"),
    (["probe", "http://127.0.0.1:9/", "--count", "-1"], "--count must be from 1 to 1000"),
  ])
  func aNegativeFigureIsOutOfRange(arguments: [String], message: String) throws {
    let result = try #require(try Command.run(arguments))
    #expect(result.status == 2)
    #expect(result.standardError == "error: \(message) (see vibe-rules \(arguments[0]) --help)\n")
  }

  @Test func aSubcommandParsedAloneStillRuns() throws {
    let result = try #require(try Command.run(["list"]))
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("1.1"))
    #expect(result.standardOutput.contains("\nKIND: static reads one file; cross-file compares several resources or files"), "the legend of the KIND column")
  }
}
