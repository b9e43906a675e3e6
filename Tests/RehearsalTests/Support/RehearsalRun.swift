/// The outcome of one run of deploy.sh among the stand-ins: exit status, output, every
/// call it made (in order), what each `sam deploy` resolved, and temporary files it left.
struct RehearsalRun: Sendable {
  var environment: String
  var options: RunOptions
  var status: Int32
  var standardOutput: String
  var standardError: String
  var calls: [RecordedCall]
  var samDeploys: [SamDeployRecord]
  /// Files left in the run's TMPDIR (deploy.sh's EXIT trap removes its own).
  var leftoverTemporaryFiles: [String]
  /// The world right after the run.
  var world: WorldSnapshot

  var succeeded: Bool { status == 0 }
  var imageTag: String { options.imageTag }

  /// The index of the first call matching `predicate`.
  func firstIndex(where predicate: (RecordedCall) -> Bool) -> Int? { calls.firstIndex(where: predicate) }

  /// The index of the last call matching `predicate`.
  func lastIndex(where predicate: (RecordedCall) -> Bool) -> Int? { calls.lastIndex(where: predicate) }

  /// The `docker push` calls.
  var pushes: [RecordedCall] { calls.filter { $0.is("docker", "push") } }

  /// The last `sam deploy` call (the deploy with the new image).
  var mainSamDeployIndex: Int? { lastIndex { $0.is("sam", "deploy") } }

  /// Everything needed to understand a failed expectation.
  var transcript: String {
    let errors = standardError.split(separator: "\n").filter { !$0.hasPrefix("#") }.suffix(6).joined(separator: "\n")
    return "deploy.sh \(environment) (commit \(imageTag), faults \(options.faults), missing \(options.missingTools.sorted())) exited \(status)\n"
      + "stderr (last lines):\n\(errors)\ncalls:\n" + calls.map { "  \($0)" }.joined(separator: "\n")
  }
}

enum RehearsalError: Error, CustomStringConvertible {
  case malformedLog(String)
  case missingProgram(String)
  case timedOut(String)
  case staleMutation(String)
  case seedFailed(String)

  var description: String {
    switch self {
    case .malformedLog(let line): "calls.log has a malformed line: \(line.debugDescription)"
    case .missingProgram(let name): "the rehearsal needs `\(name)` on this machine's PATH"
    case .timedOut(let run): "deploy.sh did not end within the harness's safety limit: \(run)"
    case .staleMutation(let text): "stale mutation: deploy.sh does not contain \(text.debugDescription)"
    case .seedFailed(let transcript): "the unchanged deploy.sh could not seed a deployed world:\n\(transcript)"
    }
  }
}
