import Diagnostics
import Foundation
import Rules

/// The SARIF log `report` and `check` write with `--format sarif` when the run ends on an
/// input error (`SARIFReport.failedRun`): to standard output, or to `--output` when that
/// file does not exist yet or already holds a SARIF log. Any other file is left alone:
/// the run failed before it knew which files it checks, and it never writes to those.
enum FailedRunLog {
  static func write(_ error: InputError, to output: String?) {
    if let output, !mayReplace(output) { return }
    try? Output.write(SARIFReport.failedRun(error, version: VibeRules.version).rendered(), to: output, escape: .json)
  }

  /// Whether nothing is at `path`, or a SARIF log (a JSON object whose `$schema` names
  /// SARIF) that an earlier run wrote.
  static func mayReplace(_ path: String) -> Bool {
    guard FileBytes.exists(path) else { return true }
    guard let bytes = try? FileBytes.contents(of: path).get(),
      let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
      let schema = object["$schema"] as? String
    else { return false }
    return schema.lowercased().contains("sarif")
  }
}
