import ArgumentParser
import Diagnostics

/// `vibe-rules baseline`.
struct Baseline: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Write or check a baseline of accepted findings, so only new findings fail.")

  func run() throws {
    throw InputError("vibe-rules baseline is not available yet", at: nil)
  }
}
