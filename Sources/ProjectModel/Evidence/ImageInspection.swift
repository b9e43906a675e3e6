import Diagnostics
import Foundation

/// What `docker image inspect` says about a built image: its ID, tags, digests and size.
///
/// Accepts the command's output as written (a JSON array of image objects) or a single
/// object. `Size` is the image's total uncompressed size in bytes (all layers).
/// Reference: "docker image inspect", https://docs.docker.com/reference/cli/docker/image/inspect/
public struct ImageInspection: Sendable {
  public var id: String
  public var repoTags: [String]
  public var repoDigests: [String]
  /// Bytes.
  public var size: Int
  /// When the image was built, as Docker wrote it.
  public var created: String?
  /// The evidence file (display name).
  public var file: String

  /// The first image of `source`.
  /// - Throws: `InputError` when the text is not inspect JSON or has no `Size`.
  public static func parse(_ source: SourceText) throws(InputError) -> ImageInspection {
    guard let data = source.text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else {
      throw InputError("not JSON: expected the output of `docker image inspect IMAGE`", at: .start(of: source.file))
    }
    let object = (json as? [[String: Any]])?.first ?? (json as? [String: Any])
    guard let object else {
      throw InputError("expected a JSON array of image objects (the output of `docker image inspect`)", at: .start(of: source.file))
    }
    guard let size = (object["Size"] as? NSNumber)?.intValue ?? (object["Size"] as? Int) else {
      throw InputError("the image object has no numeric \"Size\" (bytes)", at: .start(of: source.file))
    }
    return ImageInspection(
      id: object["Id"] as? String ?? "(no Id)", repoTags: object["RepoTags"] as? [String] ?? [],
      repoDigests: object["RepoDigests"] as? [String] ?? [], size: size, created: object["Created"] as? String,
      file: source.file)
  }

  /// "sha256:1a2b… (vibejudge-dashboard:abc1234)": the image, for findings.
  public var display: String {
    let short = id.count > 19 ? String(id.prefix(19)) + "…" : id
    let name = repoDigests.first ?? repoTags.first
    return name.map { "\(short) (\($0))" } ?? short
  }
}
