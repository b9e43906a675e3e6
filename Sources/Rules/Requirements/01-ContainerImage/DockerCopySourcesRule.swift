import DockerfileModel

/// 1.1: every COPY/ADD source exists in the build context and is not excluded by the
/// ignore file (otherwise the build fails: "failed to compute cache key ... not found"),
/// and the script the start command names (`streamlit run app.py`) is in the image: a
/// directory COPY does not fail when one of its files is missing or ignored, the
/// container does (see `StartScript`, `ImageFacts.origin(ofImagePath:…)`).
struct DockerCopySourcesRule: Rule {
  static let definition = RuleDefinition(
    id: "docker-copy-sources",
    requirements: ["1.1"],
    title: "COPY sources are in the build context and not ignored",
    rationale: "BuildKit sends only the context minus .dockerignore; a COPY of an excluded or missing file fails the build with a message that never names the ignore file. The check uses Docker's matching: filepath.Match plus **, later ! patterns re-include.",
    scope: .repository, kind: .crossFile, artifacts: [.dockerfile, .buildContext],
    sources: ["https://docs.docker.com/build/concepts/context/#dockerignore-files", "https://github.com/moby/buildkit/issues/5132"],
    examples: [
      .compliant(),
      .change("the app folder is ignored", .edit(.dockerignore, "# Tests, tooling and node modules\n", "# Tests, tooling and node modules\nstreamlit_ui\n")),
      .change("the start script app.py is excluded by .dockerignore", .edit(.dockerignore, "# Tests, tooling and node modules\n", "# Tests, tooling and node modules\nstreamlit_ui/app.py\n")),
      .change("a file of the app folder the start command does not name is excluded", .edit(.dockerignore, "# Tests, tooling and node modules\n", "# Tests, tooling and node modules\nstreamlit_ui/.streamlit/config.toml\n"), expect: .pass),
      .change("a source that does not exist", .edit(.dockerfile, "COPY streamlit_ui/requirements.txt /tmp/requirements.txt", "COPY streamlit_ui/requirements-prod.txt /tmp/requirements.txt")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile, let buildContext = context.project.buildContext else { return .absent("no Dockerfile or build context") }
    let problems = BuildContext.check(dockerfile: dockerfile, contextDirectory: buildContext.path, dockerignore: context.project.dockerignore)
    var unresolved: [String] = []
    var findings: [Finding] = []
    for problem in problems {
      switch problem.kind {
      case .unresolved, .contextIncomplete:
        unresolved.append(problem.description)
      case .excluded(let pattern), .globMatchesOnlyExcluded(let pattern):
        findings.append(.error("COPY source `\(problem.source)` is excluded by \(pattern.location.file) line \(pattern.location.line) `\(pattern.value)`; the build fails", at: problem.location, related: [.init("the excluding pattern", at: pattern.location)]))
      case .globMatchedNothing:
        findings.append(.warning("COPY source `\(problem.source)` matches nothing in the build context \(buildContext.displayName)", at: problem.location))
      default:
        findings.append(.error("\(problem.description) (build context \(buildContext.displayName))", at: problem.location))
      }
    }
    let script = StartScript.of(dockerfile.finalImage)
    if let script, let imagePath = script.imagePath,
      case .missing(let reason, let copy, let excludedBy)? = context.project.imageFile(imagePath)
    {
      var related: [Finding.Related] = copy.map { [.init("the COPY that would bring it", at: $0)] } ?? []
      if let excludedBy { related.append(.init("the excluding pattern", at: excludedBy.location)) }
      findings.append(.error("the start command runs `\(script.written)` (\(imagePath) in the image), which the build does not put in the image: \(reason); the container exits at start", at: script.location, related: related))
    }
    if findings.isEmpty && !unresolved.isEmpty { return .needsEvidence("COPY sources depend on build arguments: " + unresolved.joined(separator: "; ")) }
    if findings.isEmpty, let script, let reason = script.unknownDirectory {
      return .needsEvidence("the start command runs `\(script.written)` in a working directory the files do not decide (\(reason)), so whether the image has it is not known", evidence: [script.location])
    }
    return Verdict(findings: findings, passNote: "every COPY source is in the context \(buildContext.displayName) and not ignored")
  }
}
