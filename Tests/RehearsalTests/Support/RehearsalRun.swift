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

  /// Every image reference the run pushed, with the index of the call that pushed it:
  /// `docker push REF`, `docker image push REF`, `docker push --all-tags REPOSITORY` (each
  /// local tag of it in the world after the run), `docker [buildx] build --push -t REF`.
  var pushedReferences: [(index: Int, reference: String)] {
    var pushed: [(Int, String)] = []
    for (index, call) in calls.enumerated() where call.tool == "docker" {
      if call.is("docker", "push") || call.is("docker", "image", "push") {
        var arguments = Array(call.arguments.dropFirst(call.is("docker", "image", "push") ? 2 : 1))
        if let platform = arguments.firstIndex(of: "--platform") { arguments.removeSubrange(platform...min(platform + 1, arguments.count - 1)) }
        let allTags = arguments.contains("-a") || arguments.contains("--all-tags")
        guard let operand = arguments.last(where: { !$0.hasPrefix("-") }) else { continue }
        if allTags {
          pushed += world.localImages.keys.filter { $0.repository == operand && $0.tag != nil }.sorted().map { (index, $0) }
        } else {
          pushed.append((index, operand.tag == nil ? operand + ":latest" : operand))
        }
      } else if (call.is("docker", "build") || call.is("docker", "buildx", "build")) && call.arguments.contains("--push") {
        pushed += (call.values(of: "-t") + call.values(of: "--tag")).map { (index, $0) }
      }
    }
    return pushed
  }

  /// The calls that push images.
  var pushes: [RecordedCall] { Set(pushedReferences.map(\.index)).sorted().map { calls[$0] } }

  /// The index of the first call that pushes an image.
  var firstPushIndex: Int? { pushedReferences.map(\.index).min() }

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
