import Diagnostics
import DockerfileModel
import Foundation
import ProjectModel

/// 1.2: the final image is smaller than the limit — decided only by evidence from a real
/// build (`--image-inspect` JSON, `--image-archive` tar, or an inspect file given with
/// `--evidence`); without it the row needs evidence, never passes. MB are decimal
/// (10^6 bytes), as REQUIREMENTS.md's `max-image-size` unit says.
struct ImageSizeRule: Rule {
  static let definition = RuleDefinition(
    id: "image-size",
    requirements: ["1.2"],
    title: "Final image is smaller than the size limit",
    rationale: "Image size drives pull time (so task start and replacement time) and ECR storage. It is a property of the built image; the Dockerfile cannot prove it.",
    scope: .repository, kind: .evidence, artifacts: [.dockerfile],
    sources: [
      "https://docs.docker.com/reference/cli/docker/image/inspect/",
      "https://docs.docker.com/reference/cli/docker/image/save/",
      "https://github.com/opencontainers/image-spec/blob/main/image-layout.md",
    ],
    examples: [
      .compliant("no image metadata given").expecting(.needsEvidence),
      .change("inspect output of a 210 MB image", .edit(.evidence, "", #"[{"Id": "sha256:5f1c0d2e9a7b", "RepoTags": ["vibejudge-dashboard:abc1234"], "Size": 210000000}]"#), expect: .pass),
      .change("inspect output of a 612 MB image", .edit(.evidence, "", #"[{"Id": "sha256:9e8d7c6b5a4f", "RepoTags": ["vibejudge-dashboard:abc1234"], "Size": 612000000}]"#)),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let limit = context.value("max-image-size"), let bytes = limit.number else { return .missingValue("max-image-size", of: "1.2") }
    guard let inspection = context.project.imageInspection else {
      return .needsEvidence("the image size is known only after a build: pass `--image-inspect FILE` (`docker image inspect` output) or `--image-archive FILE` (`docker save` or OCI layout tar); limit \(limit.written), MB = 10^6 bytes")
    }
    let megabytes = Double(inspection.size) / 1_000_000
    let figure = megabytes.fixedPointText(fractionDigits: 1) + " MB" + " (\(inspection.size) bytes; MB = 10^6 bytes)"
    let source = "\(inspection.method), evidence \(inspection.file)\(inspection.created.map { ", built \(QuotedText.abbreviated($0))" } ?? "")"
    if inspection.sizeIsLowerBound {
      guard Double(inspection.size) >= bytes else {
        return .needsEvidence("image \(inspection.display) is at least \(figure), which does not decide \(limit.written) (\(source)); give `docker image inspect` output with --image-inspect")
      }
      return .fail(.error("image \(inspection.display) is at least \(figure); \(limit.cited) requires less than \(limit.written) (\(source))", at: .start(of: inspection.file)))
    }
    if Double(inspection.size) < bytes {
      return .pass("image \(inspection.display) is \(figure), under \(limit.written) (\(source))", evidence: [.start(of: inspection.file)])
    }
    return .fail(.error("image \(inspection.display) is \(figure); \(limit.cited) requires less than \(limit.written) (\(source))", at: .start(of: inspection.file)))
  }
}
