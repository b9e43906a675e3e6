import Diagnostics
import Foundation

/// Evidence about a built image: its ID, tags, digests and uncompressed size, from
/// `docker image inspect` output (`parse`) or from an image archive (`ImageArchive.read`).
///
/// Inspect output is accepted as written (a JSON array of image objects) or as a single
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
  /// How `size` was measured: "docker image inspect Size", or "sum of 3 uncompressed layer tars".
  public var method: String = "`docker image inspect` Size"
  /// The image manifest's digest, when the evidence gives it (image archives).
  public var manifestDigest: String?
  /// The platform of the image measured (`linux/amd64`), when the evidence gives it.
  public var platform: String?
  /// Whether `size` is only a lower bound: an image archive whose gzip layers take more
  /// than `ImageArchive.maximumGzipBytes` to measure is measured that far.
  public var sizeIsLowerBound = false

  public init(id: String, repoTags: [String], repoDigests: [String], size: Int, created: String?, file: String) {
    self.id = id
    self.repoTags = repoTags
    self.repoDigests = repoDigests
    self.size = size
    self.created = created
    self.file = file
  }

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
    // JSONSerialization gives `true` as an NSNumber of ObjC type "c" (char): not a size.
    guard let number = object["Size"] as? NSNumber, String(cString: number.objCType) != "c" else {
      throw InputError("the image object has no numeric \"Size\" (bytes)", at: .start(of: source.file))
    }
    // A byte count: a whole number from 0 up to 2^53 (9 PB, past any image; JSON numbers
    // beyond it lose precision). Anything else is not what `docker image inspect` writes.
    let bytes = number.doubleValue
    guard bytes >= 0, bytes <= 9_007_199_254_740_992, bytes.rounded() == bytes else {
      throw InputError("\"Size\" \(number) is not a byte count (a whole number from 0 to 2^53)", at: .start(of: source.file))
    }
    let size = Int(bytes)
    return ImageInspection(
      id: object["Id"] as? String ?? "(no Id)", repoTags: object["RepoTags"] as? [String] ?? [],
      repoDigests: object["RepoDigests"] as? [String] ?? [], size: size, created: object["Created"] as? String,
      file: source.file)
  }

  /// "sha256:1a2b… (vibejudge-dashboard:abc1234)": the image, for findings; each name cut
  /// to `QuotedText.maximumBytes` (the evidence file writes them).
  public var display: String {
    let short = Self.short(id)
    let names = [repoDigests.first ?? repoTags.first, manifestDigest.map { "manifest \(Self.short($0))" }, platform].compactMap { $0.map { QuotedText.abbreviated($0) } }
    return names.isEmpty ? short : "\(short) (\(names.joined(separator: ", ")))"
  }

  /// "sha256:" and the first 12 hex digits, then "…".
  static func short(_ digest: String) -> String {
    digest.count > 19 ? String(digest.prefix(19)) + "…" : digest
  }
}
