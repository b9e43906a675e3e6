import ArgumentParser
import Diagnostics

/// `vibe-rules graph`.
struct Graph: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Draw the architecture the template defines for one env (mermaid or dot).")

  func run() throws {
    throw InputError("vibe-rules graph is not available yet", at: nil)
  }
}
