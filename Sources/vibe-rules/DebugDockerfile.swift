import ArgumentParser
import Diagnostics

/// `vibe-rules debug dockerfile FILE`: the parse in BuildKit's `result` dump format.
struct DebugDockerfile: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dockerfile", abstract: "Print a Dockerfile's parse in BuildKit's AST dump format.")

  @Argument(help: "The Dockerfile.")
  var file: String

  func run() throws {
    _ = try SourceText.read(path: file)
    throw InputError("the Dockerfile parser is not wired into the command line yet", at: nil)
  }
}
