import Diagnostics
import Foundation

extension Project {
  /// Loads the evidence files `options` names: `--image-archive` (a saved image), and each
  /// `--evidence` file, recognised by its content: a `vibe-rules probe` result (an object
  /// with `"kind": "vibe-rules.health-probe"`) or `docker image inspect` output.
  ///
  /// - Throws: `InputError` for a named file that does not exist or is neither kind, and
  ///   for two pieces of image evidence (one image decides 1.2).
  mutating func loadEvidence(_ options: ProjectOptions) throws(InputError) {
    if let given = options.imageArchive, let file = try ArtifactFile.resolve(given, fallback: "", root: root, option: "--image-archive") {
      guard imageInspection == nil else {
        throw InputError("--image-archive \(given): give one piece of image evidence, --image-inspect or --image-archive", at: nil)
      }
      inputFiles.append(file.path)
      imageInspection = try ImageArchive.read(path: file.path, displayName: file.displayName, inside: file.enclosingRoot)
    }
    for given in options.evidence {
      guard let file = try ArtifactFile.resolve(given, fallback: "", root: root, option: "--evidence") else { continue }
      inputFiles.append(file.path)
      let source = try file.source()
      switch EvidenceKind.of(source) {
      case .healthProbe:
        healthProbes.append(try HealthProbeResult.parse(source))
      case .imageInspect:
        guard imageInspection == nil else {
          throw InputError("a second piece of image evidence; give one (--image-inspect, --image-archive or one inspect file)", at: .start(of: file.displayName))
        }
        imageInspection = try ImageInspection.parse(source)
      case .unknown(let reason):
        throw InputError("not evidence vibe-rules reads (\(reason)): expected a `vibe-rules probe` result or `docker image inspect` output", at: .start(of: file.displayName))
      }
    }
  }
}

/// What an `--evidence` file holds, judged from its JSON shape.
enum EvidenceKind {
  case healthProbe
  case imageInspect
  case unknown(String)

  static func of(_ source: SourceText) -> EvidenceKind {
    guard let json = try? JSONSerialization.jsonObject(with: Data(source.text.utf8)) else { return .unknown("not JSON") }
    if let object = json as? [String: Any] {
      if let kind = object["kind"] as? String {
        return kind == HealthProbeResult.kind ? .healthProbe : .unknown("kind \"\(kind)\"")
      }
      return object["Size"] != nil ? .imageInspect : .unknown("an object with neither \"kind\" nor \"Size\"")
    }
    if let array = json as? [[String: Any]], array.first?["Size"] != nil { return .imageInspect }
    return .unknown("JSON of another shape")
  }
}
