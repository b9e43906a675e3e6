import ArgumentParser
import Diagnostics
import DockerfileModel
import ProjectModel

/// `vibe-rules debug dockerfile FILE`: the parse in BuildKit's `result` dump format
/// (the low-level parse, as BuildKit's parser tests print it).
struct DebugDockerfile: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dockerfile", abstract: "Print a Dockerfile's parse in BuildKit's AST dump format.")

  @ArgumentParser.Argument(help: "The Dockerfile.")
  var file: String

  func run() throws {
    let source = try DebugFile.source(file)
    print(try DockerfileSyntax.parse(source).buildKitDump(), terminator: "")
  }
}
