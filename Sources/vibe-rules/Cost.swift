import ArgumentParser
import Diagnostics

/// `vibe-rules cost`.
struct Cost: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Compute the monthly cost of the evaluated template from the dated price data.")

  func run() throws {
    throw InputError("vibe-rules cost is not available yet", at: nil)
  }
}
