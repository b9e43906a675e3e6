import Diagnostics
import Foundation
import ProjectModel
import Testing
@testable import Rules

/// Where the package and the shared test material are, found from this file's path
/// (package root = three levels up from Tests/ReportTests/Support.swift).
enum Paths {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let sharedRoot = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
  static let sarifSchema = sharedRoot.appendingPathComponent("schemas/sarif/sarif-schema-2.1.0.json")
  static let junitSchema = sharedRoot.appendingPathComponent("schemas/junit/junit-10.xsd")
  static let reportSchema = repositoryRoot.appendingPathComponent("schemas/report.schema.json")
}

/// A temporary copy of this repository's deployment files, changed with textual edits.
struct Copy {
  static let files = ["REQUIREMENTS.md", "infra", "docker", ".dockerignore", "deploy.sh", "streamlit_ui"]
  let directory: URL
  var root: String { directory.path }

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in Self.files {
      let source = Paths.repositoryRoot.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: source.path) else { continue }
      try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(name))
    }
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Replaces `find` (which must occur) with `replacement` in `file`.
  func edit(_ file: String, _ find: String, _ replacement: String) throws {
    let url = directory.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    guard text.contains(find) else { throw CopyError.stale("\(file) does not contain \(find.debugDescription)") }
    try text.replacingOccurrences(of: find, with: replacement).write(to: url, atomically: true, encoding: .utf8)
  }

  func write(_ file: String, _ text: String) throws {
    try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
  }

  func load(_ options: (inout ProjectOptions) -> Void = { _ in }) throws(InputError) -> Project {
    var given = ProjectOptions(root: root)
    options(&given)
    return try Project.load(given)
  }

  func matrix(_ options: (inout ProjectOptions) -> Void = { _ in }) throws -> RequirementMatrix {
    try ProjectEvaluation.matrix(for: load(options), today: "2026-06-01")
  }

  /// Breaks the copy in four ways: SSH open on the tasks (8.2, template only), the image
  /// exposing 8000 (1.4, Dockerfile only), log retention 14 days (9.2 and 12.4), and a
  /// container health check with `curl`, which the image lacks (4.7: located in the
  /// template, related to the Dockerfile's base image — a cross-file finding).
  func breakFiles() throws {
    try edit("infra/template.yaml", "      SecurityGroupIngress:\n        - Description: Streamlit from the ALB security group only",
      "      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n        - Description: Streamlit from the ALB security group only")
    try edit("infra/template.yaml", "RetentionInDays: 7", "RetentionInDays: 14")
    try edit("docker/Dockerfile", "EXPOSE 8501", "EXPOSE 8000")
    let template = try String(contentsOf: directory.appendingPathComponent("infra/template.yaml"), encoding: .utf8)
    guard let start = template.range(of: "            Command:\n              - CMD-SHELL"),
      let end = template.range(of: "            Interval: 30", range: start.upperBound..<template.endIndex)
    else { throw CopyError.stale("the container health check is not where the test expects it") }
    try edit("infra/template.yaml", String(template[start.lowerBound..<end.lowerBound]),
      "            Command:\n              - CMD-SHELL\n              - curl -f http://127.0.0.1:8501/_stcore/health || exit 1\n")
  }

  enum CopyError: Error, CustomStringConvertible {
    case stale(String)
    var description: String { switch self { case .stale(let message): "stale test edit: \(message)" } }
  }
}

/// This repository's own matrix, computed once.
enum OwnRepository {
  static let project: Result<Project, Error> = Result { try Project.load(ProjectOptions(root: Paths.repositoryRoot.path)) }
  static let matrix: Result<RequirementMatrix, Error> = Result { try ProjectEvaluation.matrix(for: project.get(), today: "2026-06-01") }
}

/// Running outside tools (python3 with jsonschema, dot, xmllint, the vibe-rules binary).
enum Tool {
  struct Outcome {
    var status: Int32
    var output: String
    var error: String
  }

  /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`, feeding `input`.
  static func run(_ executable: String, _ arguments: [String], input: String? = nil, directory: URL? = nil) throws -> Outcome {
    let process = Process()
    if executable.contains("/") {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [executable] + arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), stdin = Pipe()
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let error = try FileHandle(forWritingTo: errorFile)
    defer { try? error.close() }
    process.standardOutput = output
    process.standardError = error
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Standard error goes to a file, so that it cannot fill a pipe and block the child
    // while standard output is read.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = (try? Data(contentsOf: errorFile)) ?? Data()
    return Outcome(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self))
  }

  /// Whether `name` is on PATH.
  static func available(_ name: String) -> Bool {
    (try? run("sh", ["-c", "command -v \(name)"]).status) == 0
  }

  /// Validates JSON text against a JSON Schema file with Python's `jsonschema` package
  /// (the validator class the schema's `$schema` names: draft-04 for SARIF, draft-07 for
  /// the report). Returns the validation errors, empty when valid.
  static func validate(json: String, schema: URL) throws -> [String] {
    let script = """
      import json, sys
      import jsonschema
      schema = json.load(open(sys.argv[1]))
      instance = json.load(sys.stdin)
      validator = jsonschema.validators.validator_for(schema)(schema)
      errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
      for error in errors[:20]:
          print("/".join(str(p) for p in error.absolute_path) + ": " + error.message[:300])
      sys.exit(1 if errors else 0)
      """
    let outcome = try run("python3", ["-c", script, schema.path], input: json)
    if outcome.status != 0 && outcome.output.isEmpty {
      return ["python3 -c jsonschema failed (pip install jsonschema): \(outcome.error)"]
    }
    return outcome.output.split(separator: "\n").map(String.init)
  }

  /// The vibe-rules executable SwiftPM built beside this test bundle, if any.
  static var vibeRules: String? {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("vibe-rules"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("vibe-rules"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vibe-rules"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
  }
}
