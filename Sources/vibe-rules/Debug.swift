import ArgumentParser
import Diagnostics

/// `vibe-rules debug ...`: the parsed form of an input, for checking the parsers.
struct Debug: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Print how vibe-rules parses an input.", subcommands: [DebugDockerfile.self, DebugDeployScript.self])
}
