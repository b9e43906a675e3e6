import ArgumentParser
import Diagnostics
import Foundation
import ProjectModel
import Rules

/// The report `report` and `check` write with `--format sarif` or `junit` when the run
/// ends on an input error (`SARIFReport.failedRun`, `JUnitReport.failedRun`): to standard
/// output, or to `--output` when that file does not exist yet, or already holds a report
/// of the same format under a report's name (`.sarif` or `.json`; `.xml`) and is none of
/// the files the run could have read (`ProjectOptions.possibleInputFiles`). Any other
/// file is left alone: the run failed before it knew which files it checks, and it never
/// writes to those (a REQUIREMENTS.md whose first line was a JUnit root had been
/// replaced), and a `note:` line after the error says the report was not written.
enum FailedRunLog {
  enum Format {
    case sarif, junit
  }

  /// Writes the report of the failed run, then throws: `error` itself when the report was
  /// written; when it was not (a file left alone, or the write failed), after printing
  /// the error and a `note:` line that says so (a CI step would otherwise upload a stale
  /// file without a word), `ExitCode(2)`.
  static func fail(_ error: InputError, as format: Format, to output: String?, sparing inputs: ProjectOptions) throws -> Never {
    let name = format == .sarif ? "SARIF log" : "JUnit report"
    var note: String?
    if let output, !mayReplace(output, with: format) {
      note = "the \(name) of this failed run was not written: \(output) exists and is not an earlier \(name) (\(format == .sarif ? ".sarif or .json" : ".xml"))"
    } else {
      let text = switch format {
      case .sarif: SARIFReport.failedRun(error, version: VibeRules.version).rendered()
      case .junit: JUnitReport.failedRun(error).rendered()
      }
      do {
        try Output.write(text, to: output, sparing: inputs.possibleInputFiles, escape: format == .sarif ? .json : .xml)
      } catch let failure {
        note = "the \(name) of this failed run was not written: \((failure as? InputError)?.message ?? "\(failure)")"
      }
    }
    guard let note else { throw error }
    Diagnostic.print(error, root: Diagnostic.inputRoot)
    Diagnostic.printLine("note: \(note)")
    throw ExitCode(2)
  }

  /// Whether nothing is at `path`, or a report of `format` that an earlier run wrote: a
  /// JSON object whose `$schema` names SARIF, or XML whose root is `<testsuites>` or
  /// `<testsuite>`.
  static func mayReplace(_ path: String, with format: Format) -> Bool {
    guard FileBytes.exists(path) else { return true }
    let name = path.lowercased()
    guard format == .sarif ? name.hasSuffix(".sarif") || name.hasSuffix(".json") : name.hasSuffix(".xml") else { return false }
    guard let bytes = try? FileBytes.contents(of: path).get() else { return false }
    switch format {
    case .sarif:
      guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any], let schema = object["$schema"] as? String else { return false }
      return schema.lowercased().containsText("sarif")
    case .junit:
      var text = Substring(String(decoding: bytes.prefix(4096), as: UTF8.self))
      text = text.drop { $0.isWhitespace }
      if text.hasPrefix("<?xml"), let end = text.rangeOfText("?>") { text = text[end.upperBound...].drop { $0.isWhitespace } }
      return text.hasPrefix("<testsuites") || text.hasPrefix("<testsuite")
    }
  }
}
