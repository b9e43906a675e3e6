import ArgumentParser
import Diagnostics

/// `vibe-rules check`.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print failing and warning findings one per line (for pre-commit hooks and editors).")

  func run() throws {
    throw InputError("vibe-rules check is not available yet", at: nil)
  }
}
