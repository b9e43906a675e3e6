import Diagnostics
import Foundation
import ProjectModel

/// Standard output, or a file the user named: never one of the files the project was
/// loaded from (vibe-rules never writes to the files it checks).
enum Output {
  /// Writes `text` to `path`, or to standard output (control characters escaped, except
  /// the table's own status colours when `colour`) when nil.
  ///
  /// - Throws: `InputError` (exit 2) when `path` is one of `project`'s input files
  ///   or a build-context file its rules read (compared after resolving symbolic links,
  ///   `..` and `.`), or cannot be opened.
  static func write(_ text: String, to path: String?, option: String = "--output", sparing project: Project? = nil, colour: Bool = false) throws {
    guard let path else {
      Swift.print(TerminalSafe.text(text, allowingColour: colour), terminator: "")
      return
    }
    if let project, let target = canonical(path),
      let input = (project.inputFiles + project.contextReads.paths).first(where: { canonical($0) == target }) {
      throw InputError("\(option) \(path) is \(input), a file this run checks; vibe-rules never writes to the files it checks", at: nil)
    }
    guard let handle = fopen(path, "w") else {
      throw InputError("\(option) \(path): cannot open for writing", at: nil)
    }
    defer { fclose(handle) }
    fputs(text, handle)
  }

  /// The absolute path with symbolic links resolved (`realpath(3)`), nil when the file
  /// does not exist (then it is none of the inputs, which all exist).
  static func canonical(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
