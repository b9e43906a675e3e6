import Diagnostics
import Testing

@testable import ShellScriptModel

/// Parses `text` as a script named `deploy.sh`.
func parse(_ text: String, file: String = "deploy.sh") throws -> ShellScript {
  try ShellScript.parse(SourceText(file: file, text: text))
}

/// The error parsing `text` throws, or nil when it parses.
func parseError(_ text: String) -> InputError? {
  do {
    _ = try ShellScript.parse(SourceText(file: "deploy.sh", text: text))
    return nil
  } catch {
    return error
  }
}

/// The top-level statements of `text`.
func statements(_ text: String) throws -> [Statement] {
  try parse(text).statements
}

/// The single word of the single simple command `echo WORD` in `text`.
func argumentWord(_ text: String) throws -> Word {
  let statements = try parse("echo " + text).statements
  let command = try #require(statements.first?.simpleCommand)
  return try #require(command.arguments.first)
}

/// A case folder under the shared `cases` directory, found from this file's path.
func casePath(_ relative: String, filePath: String = #filePath) -> String {
  var components = filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
  components.removeLast(3)  // Tests/ShellScriptModelTests/Support.swift → package root
  return components.joined(separator: "/") + "/../shared/cases/" + relative
}

/// The case folder whose name starts with `prefix` (e.g. "20-").
func caseFolder(_ prefix: String) throws -> String {
  let root = casePath("")
  let names = try #require(listDirectory(root))
  let name = try #require(names.sorted().first { $0.hasPrefix(prefix) })
  return name
}

func loadCase(_ prefix: String, _ file: String) throws -> ShellScript {
  let folder = try caseFolder(prefix)
  let path = casePath(folder + "/" + file)
  let source = try SourceText.read(path: path, displayName: file)
  return try ShellScript.parse(source)
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func listDirectory(_ path: String) -> [String]? {
  guard let directory = opendir(path) else { return nil }
  defer { closedir(directory) }
  var names: [String] = []
  while let entry = readdir(directory) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names
}
