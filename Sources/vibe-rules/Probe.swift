import ArgumentParser
import Diagnostics

/// `vibe-rules probe`.
struct Probe: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Measure a health endpoint: status codes and latency, written as evidence for report --evidence.")

  func run() throws {
    throw InputError("vibe-rules probe is not available yet", at: nil)
  }
}
