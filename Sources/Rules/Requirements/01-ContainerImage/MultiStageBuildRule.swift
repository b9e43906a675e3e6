import DockerfileModel

/// 1.1: a multi-stage build on the required base image: a builder stage installs the
/// dependencies and the runtime stage copies them in.
struct MultiStageBuildRule: Rule {
  static let definition = RuleDefinition(
    id: "multi-stage-build",
    requirements: ["1.1"],
    title: "Multi-stage build on the required base image",
    rationale: "Installing dependencies in a builder stage and copying only the result keeps compilers and caches out of the runtime image; the base image is fixed so the runtime (and its programs, such as the health check's interpreter) is known.",
    scope: .repository, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/build/building/multi-stage/"],
    examples: [
      .compliant(),
      .change("runtime on a full python image", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM python:3.12 AS runtime")),
      .change("single stage", .edit(.dockerfile, "COPY --from=builder /opt/venv /opt/venv\n", "COPY streamlit_ui/requirements.txt /tmp/requirements.txt\nRUN pip install --no-cache-dir -r /tmp/requirements.txt\n"), .edit(.dockerfile, "FROM python:3.12-slim AS builder", "FROM python:3.12-slim AS unused")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    let final = dockerfile.finalStage
    guard let baseValue = context.value("base-image"), let minimum = context.value("min-stages")?.integer else { return .missingValue("base-image/min-stages", of: "1.1") }
    var findings: [Finding] = []
    let facts = dockerfile.finalImage
    let baseText: String
    switch facts.base.value {
    case .image(let image): baseText = image
    case .scratch: baseText = "scratch"
    case .stage(let index): baseText = "stage \(index)"
    case .unresolved(let expression, _): baseText = expression
    }
    if baseText != baseValue.text {
      findings.append(.error("the final stage is built on \(baseText); \(baseValue.cited) requires \(baseValue.text)", at: facts.base.location))
    }
    if dockerfile.stages.count < minimum {
      findings.append(.error("the Dockerfile has \(dockerfile.stages.count) stage(s); \(context.value("min-stages")!.cited) requires a builder and a runtime stage (\(minimum))", at: final.location))
    }
    let copiedStages = Set(final.instructions.compactMap { instruction -> Int? in
      guard case .copy(let copy) = instruction.instruction, copy.from != nil else { return nil }
      if case .stage(let index) = dockerfile.copySource(copy.from!, inStage: final.index) { return index }
      return nil
    })
    if dockerfile.stages.count >= minimum && copiedStages.isEmpty {
      findings.append(.error("the final stage copies nothing from a builder stage (no COPY --from=<stage>); dependencies are not built separately", at: final.location))
    }
    return Verdict(findings: findings, passNote: "\(dockerfile.stages.count) stages; runtime on \(baseValue.text) copies from the builder", evidence: [facts.base.location])
  }
}
