import Diagnostics
import DockerfileModel

/// 1.1: a multi-stage build on the required base image: a builder stage installs the
/// dependencies and the runtime stage copies them in.
///
/// The final image's base is the external image at the root of its FROM chain (a final
/// stage `FROM runtime` builds on whatever `runtime` builds on). References are compared
/// after Docker's normalisation (`ImageReference`): `python:3.12-slim`,
/// `docker.io/library/python:3.12-slim` and `index.docker.io/library/python:3.12-slim` are
/// one image; a digest-pinned `python:3.12-slim@sha256:…` still names the tag, while a
/// digest alone (`python@sha256:…`) does not say which tag it is, so it needs evidence.
struct MultiStageBuildRule: Rule {
  static let definition = RuleDefinition(
    id: "multi-stage-build",
    requirements: ["1.1"],
    title: "Multi-stage build on the required base image",
    rationale: "Installing dependencies in a builder stage and copying only the result keeps compilers and caches out of the runtime image; the base image is fixed so the runtime (and its programs, such as the health check's interpreter) is known.",
    scope: .repository, artifacts: [.dockerfile],
    sources: [
      "https://docs.docker.com/build/building/multi-stage/",
      "https://docs.docker.com/reference/cli/docker/image/tag/",
      "https://pkg.go.dev/github.com/distribution/reference",
    ],
    examples: [
      .compliant(),
      .change("runtime on a full python image", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM python:3.12 AS runtime")),
      .change("COPY --from names the builder stage misspelt (BuildKit pulls an image of that name)", .edit(.dockerfile, "COPY --from=builder /opt/venv /opt/venv\n", "COPY --from=biulder /opt/venv /opt/venv\n")),
      .change("single stage", .edit(.dockerfile, "COPY --from=builder /opt/venv /opt/venv\n", "COPY streamlit_ui/requirements.txt /tmp/requirements.txt\nRUN pip install --no-cache-dir -r /tmp/requirements.txt\n"), .edit(.dockerfile, "FROM python:3.12-slim AS builder", "FROM python:3.12-slim AS unused")),
      .change("runtime FROM docker.io/library/python:3.12-slim", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM docker.io/library/python:3.12-slim AS runtime"), expect: .pass),
      .change("runtime FROM index.docker.io/library/python:3.12-slim", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM index.docker.io/library/python:3.12-slim AS runtime"), expect: .pass),
      .change("runtime pinned by digest with its tag", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM python:3.12-slim@sha256:\(String(repeating: "0123456789abcdef", count: 4)) AS runtime"), expect: .pass),
      .change("runtime pinned by digest alone", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM python@sha256:\(String(repeating: "0123456789abcdef", count: 4)) AS runtime"), expect: .needsEvidence),
      .change("final stage built FROM the runtime stage", .edit(.dockerfile, "\nCMD [\"streamlit\"", "\nFROM runtime AS final\nCMD [\"streamlit\""), expect: .pass),
      .change("runtime FROM another registry's python:3.12-slim", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM registry.example.com/python:3.12-slim AS runtime")),
      .change("runtime FROM python without a tag (latest)", .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM docker.io/library/python AS runtime")),
      .change("runtime FROM an image a build argument names", .edit(.dockerfile, "FROM python:3.12-slim AS builder", "ARG BASE\nFROM python:3.12-slim AS builder"), .edit(.dockerfile, "FROM python:3.12-slim AS runtime", "FROM ${BASE} AS runtime"), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
    guard let baseValue = context.value("base-image"), let minimum = context.value("min-stages")?.integer else { return .missingValue("base-image/min-stages", of: "1.1") }
    guard let required = ImageReference(baseValue.text), let requiredTag = required.effectiveTag else {
      return .notApplicable("requirement 1.1's base-image `\(baseValue.text)` is not an image reference with a tag: \(ImageReference.problem(in: baseValue.text) ?? "it names a digest only")")
    }
    let final = dockerfile.finalStage
    let facts = dockerfile.finalImage
    var findings: [Finding] = []
    var undecided: String?
    let through = facts.stageChain.count > 1
      ? " (through stage \(facts.stageChain.dropLast().map { dockerfile.stages[$0].name ?? String($0) }.joined(separator: " → ")))" : ""
    switch facts.base.value {
    case .image(let written):
      guard let actual = ImageReference(written) else {
        findings.append(.error("the final image is built on `\(written)`\(through), which is not a valid image reference (\(ImageReference.problem(in: written) ?? "")); \(baseValue.cited) requires \(baseValue.text)", at: facts.base.location))
        break
      }
      if actual.repository != required.repository {
        findings.append(.error("the final image is built on \(written)\(through), repository \(actual.repository); \(baseValue.cited) requires \(baseValue.text) (\(required.repository))", at: facts.base.location))
      } else if let tag = actual.effectiveTag {
        if tag != requiredTag {
          findings.append(.error("the final image is built on \(written)\(through), tag `\(tag)`\(actual.tag == nil ? " (no tag is written, so Docker pulls latest)" : ""); \(baseValue.cited) requires tag `\(requiredTag)`", at: facts.base.location))
        }
      } else {
        undecided = "the final image is built on \(written)\(through): the digest pins an image of \(actual.familiarRepository) but the file does not say which tag it is; write the tag with the digest (\(actual.familiarRepository):\(requiredTag)@\(actual.digest ?? "…")) or give image metadata"
      }
    case .scratch:
      findings.append(.error("the final image is built FROM scratch\(through); \(baseValue.cited) requires \(baseValue.text)", at: facts.base.location))
    case .stage(let index):
      findings.append(.error("the final stage's FROM chain could not be followed to an image (it refers to stage \(index)); \(baseValue.cited) requires \(baseValue.text)", at: facts.base.location))
    case .unresolved(let expression, let reason):
      undecided = "the final image's base `\(expression)`\(through) is not known statically (\(reason)); \(baseValue.cited) requires \(baseValue.text)"
    }
    if dockerfile.stages.count < minimum {
      findings.append(.error("the Dockerfile has \(dockerfile.stages.count) stage(s); \(context.value("min-stages")!.cited) requires a builder and a runtime stage (\(minimum))", at: final.location))
    }
    // A COPY --from in any stage of the final image's chain brings in a builder's output.
    let chain = Set(facts.stageChain)
    let copiedStages = Set(facts.stageChain.flatMap { stageIndex in
      dockerfile.stages[stageIndex].instructions.compactMap { instruction -> Int? in
        guard case .copy(let copy) = instruction.instruction, let from = copy.from,
          case .stage(let index) = dockerfile.copySource(from, inStage: stageIndex), !chain.contains(index)
        else { return nil }
        return index
      }
    })
    // `COPY --from=biulder`: a name that is no earlier stage is an image to BuildKit.
    let misspelt = facts.stageChain.flatMap { stageIndex in
      dockerfile.stages[stageIndex].instructions.compactMap { instruction -> Finding? in
        guard case .copy(let copy) = instruction.instruction, let from = copy.from,
          case .image(let name) = dockerfile.copySource(from, inStage: stageIndex), !name.contains(where: { "/:@$".contains($0) }),
          let stage = NameSuggestion.closest(to: name, among: dockerfile.stages.prefix(stageIndex).compactMap(\.name))
        else { return nil }
        return .error("COPY --from=\(name) names no stage of the Dockerfile (did you mean \(stage)?): BuildKit reads it as an image and the build fails pulling \(name)", at: instruction.location)
      }
    }
    findings += misspelt
    if dockerfile.stages.count >= minimum && copiedStages.isEmpty && misspelt.isEmpty {
      findings.append(.error("the final image copies nothing from a builder stage (no COPY --from=<stage> in its stages); dependencies are not built separately", at: final.location))
    }
    if findings.isEmpty, let undecided { return .needsEvidence(undecided, evidence: [facts.base.location]) }
    return Verdict(findings: findings, passNote: "\(dockerfile.stages.count) stages; runtime on \(baseValue.text)\(through) copies from the builder", evidence: [facts.base.location])
  }
}
