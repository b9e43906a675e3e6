import Diagnostics
import Foundation

/// Reads an image's size from a saved image: a `docker save` tarball (`manifest.json`
/// listing the config and layer files; Docker 25+ also writes an OCI layout beside it) or
/// an OCI image layout tar (`index.json` → image manifest → layer blobs, as
/// `docker buildx build --output type=oci` writes it).
///
/// The size is the sum of the image manifest's layers, uncompressed (gzip layers
/// inflated): tar framing included, so it is slightly above the unpacked content that
/// `docker image inspect` reports as `Size`.
/// References: "docker image save", https://docs.docker.com/reference/cli/docker/image/save/;
/// OCI image layout, https://github.com/opencontainers/image-spec/blob/main/image-layout.md
public enum ImageArchive {
  /// - Throws: `InputError` at the archive for a file that is not a tar, holds no image,
  ///   several images (or platforms, none of them linux/amd64), misses a layer, or has a
  ///   zstd or corrupt layer.
  /// `root`: the folder the archive must lie under when opened (`ArtifactFile.enclosingRoot`).
  public static func read(path: String, displayName: String, inside root: String? = nil) throws(InputError) -> ImageInspection {
    let at = SourceLocation.start(of: displayName)
    let fileSize: Int
    let handle: FileHandle
    switch FileBytes.openRegular(path, inside: root) {
    case .success(let opened):
      fileSize = opened.size
      handle = FileHandle(fileDescriptor: opened.descriptor, closeOnDealloc: true)
    case .failure(.outside):
      throw InputError("--image-archive \(displayName): the file opened lies outside --root (a symbolic link that appeared after the path was checked)", at: nil)
    case .failure:
      throw InputError("--image-archive \(displayName): cannot be read", at: nil)
    }
    defer { try? handle.close() }
    do {
      let head = [UInt8]((try handle.read(upToCount: 4)) ?? Data())
      switch LayerSize.compression(of: head) {
      case .gzip, .zstd:
        throw InputError("the image archive is compressed; give the plain tar that `docker save -o FILE IMAGE` writes", at: at)
      case .none: break
      }
      let archive = try TarArchive(handle: handle, fileSize: UInt64(fileSize))
      var image: ImageInspection
      if let manifest = archive.member("manifest.json") {
        image = try dockerSave(archive, manifest, displayName)
      } else if let index = archive.member("index.json") {
        image = try ociLayout(archive, index, displayName)
      } else {
        throw InputError("neither manifest.json (docker save) nor index.json (OCI image layout) is in the archive", at: at)
      }
      image.file = displayName
      return image
    } catch let error as InputError {
      throw error
    } catch TarArchive.Problem.notTar(let message), TarArchive.Problem.truncated(let message) {
      throw InputError(message, at: at)
    } catch LayerSize.Problem.unsupported(let message), LayerSize.Problem.corrupt(let message) {
      throw InputError(message, at: at)
    } catch let problem as ArchiveProblem {
      throw InputError(problem.message, at: at)
    } catch {
      throw InputError("cannot read the image archive: \(error)", at: at)
    }
  }

  struct ArchiveProblem: Error {
    var message: String
  }

  // MARK: docker save

  struct DockerSaveEntry: Decodable {
    var config: String
    var repoTags: [String]?
    var layers: [String]
    enum CodingKeys: String, CodingKey {
      case config = "Config", repoTags = "RepoTags", layers = "Layers"
    }
  }

  static func dockerSave(_ archive: TarArchive, _ manifest: TarArchive.Member, _ file: String) throws -> ImageInspection {
    let entries = try decode([DockerSaveEntry].self, document(manifest, archive), "manifest.json")
    guard entries.count == 1, let entry = entries.first else {
      throw ArchiveProblem(message: entries.isEmpty ? "manifest.json lists no image" : "the archive holds \(entries.count) images (\(entries.map { $0.repoTags?.first ?? $0.config }.joined(separator: ", "))); save one image")
    }
    let layers = try layersSize(entry.layers, archive)
    let config = archive.member(entry.config).flatMap { try? document($0, archive) }.flatMap { try? decode(ImageConfig.self, $0, entry.config) }
    var image = ImageInspection(
      id: "sha256:" + configDigest(entry.config), repoTags: entry.repoTags ?? [], repoDigests: [], size: layers.size, created: config?.created, file: file)
    image.sizeIsLowerBound = layers.isLowerBound
    image.method = "sum of \(layers.count) uncompressed layer tar(s) of the docker save archive\(layers.note)"
    image.platform = config?.platform
    if let index = archive.member("index.json"), let descriptors = try? decode(OCIIndex.self, document(index, archive, limit: maximumIndexSize), "index.json").manifests, descriptors.count == 1 {
      image.manifestDigest = descriptors[0].digest
    }
    return image
  }

  /// `blobs/sha256/<hex>` or legacy `<hex>.json` → `<hex>`.
  static func configDigest(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.hasSuffix(".json") ? String(last.dropLast(5)) : last
  }

  // MARK: OCI image layout

  struct OCIPlatform: Decodable {
    var architecture: String
    var os: String
    var variant: String?
    var display: String { "\(os)/\(architecture)" + (variant.map { "/\($0)" } ?? "") }
  }

  struct OCIDescriptor: Decodable {
    var mediaType: String?
    var digest: String
    var platform: OCIPlatform?
    var annotations: [String: String]?
  }

  struct OCIIndex: Decodable {
    var manifests: [OCIDescriptor]
  }

  struct OCIManifest: Decodable {
    var config: OCIDescriptor
    var layers: [OCIDescriptor]
  }

  struct ImageConfig: Decodable {
    var created: String?
    var architecture: String?
    var os: String?
    var platform: String? { architecture.map { "\(os ?? "linux")/\($0)" } }
  }

  static func ociLayout(_ archive: TarArchive, _ index: TarArchive.Member, _ file: String) throws -> ImageInspection {
    let top = try decode(OCIIndex.self, document(index, archive, limit: maximumIndexSize), "index.json")
    var walk = OCIIndexWalk(archive: archive)
    try walk.collect(top)
    let images = walk.candidates.filter { candidate in
      candidate.descriptor.annotations?["vnd.docker.reference.type"] != "attestation-manifest" && !(candidate.platform ?? "").hasPrefix("unknown/")
    }
    guard !images.isEmpty else { throw ArchiveProblem(message: "index.json leads to no image manifest") }
    let chosen: OCIIndexWalk.Candidate
    if images.count == 1 {
      chosen = images[0]
    } else if let amd64 = images.first(where: { $0.platform == "linux/amd64" }) {
      chosen = amd64
    } else {
      throw ArchiveProblem(message: "the archive holds \(images.count) image manifests (\(images.map { $0.platform ?? $0.descriptor.digest }.joined(separator: ", "))) and none for linux/amd64; export one image")
    }
    let manifest = try decode(OCIManifest.self, try blob(chosen.descriptor.digest, archive), "manifest \(chosen.descriptor.digest)")
    let layers = try layersSize(manifest.layers.map { blobPath($0.digest) }, archive)
    let config = try? decode(ImageConfig.self, try blob(manifest.config.digest, archive), "config")
    var image = ImageInspection(
      id: manifest.config.digest, repoTags: chosen.name.map { [$0] } ?? [], repoDigests: [], size: layers.size, created: config?.created, file: file)
    image.sizeIsLowerBound = layers.isLowerBound
    image.method = "sum of \(layers.count) uncompressed layer(s) of the OCI image layout\(layers.note)"
    image.manifestDigest = chosen.descriptor.digest
    image.platform = chosen.platform ?? config?.platform
    return image
  }

  static func blobPath(_ digest: String) -> String {
    let parts = digest.split(separator: ":", maxSplits: 1)
    return parts.count == 2 ? "blobs/\(parts[0])/\(parts[1])" : "blobs/\(digest)"
  }

  static func blob(_ digest: String, _ archive: TarArchive) throws -> Data {
    guard let member = archive.member(blobPath(digest)) else { throw ArchiveProblem(message: "blob \(digest) is not in the archive") }
    return try document(member, archive, what: "blob \(digest)")
  }

  /// The largest JSON document read from an archive (`manifest.json`, `index.json`, an
  /// image manifest or config), in bytes: Docker's are a few kilobytes.
  static let maximumDocumentSize: UInt64 = 4_000_000

  /// The largest image index read (`index.json`, a nested index), in bytes: 2 MB, some
  /// 10,000 descriptors (`OCIIndexWalk.maximumDescriptors`); a 16 MB one had decoded to
  /// some 300 MB before its descriptors were counted.
  static let maximumIndexSize: UInt64 = 2_000_000

  /// The bytes of `member`, a JSON document of at most `limit` bytes.
  /// - Throws: `ArchiveProblem` when it is larger.
  static func document(_ member: TarArchive.Member, _ archive: TarArchive, what: String? = nil, limit: UInt64 = maximumDocumentSize) throws -> Data {
    guard member.size < limit else {
      throw ArchiveProblem(message: "\(what ?? member.name) is too large for \(limit == maximumIndexSize ? "an image index" : "a manifest or config") (\(member.size) bytes; at most \(limit) are read)")
    }
    return try archive.contents(member)
  }

  // MARK: Shared

  /// The most work measuring gzip layers does in one archive: bytes inflated plus
  /// compressed bytes read, 2 GiB in all (a few seconds). A layer of zeros inflates about
  /// a thousandfold, and empty gzip members or zero padding inflate to nothing, so without
  /// a bound a small (or sparse) archive could keep a run busy for minutes. Past it the
  /// size is a lower bound, which still decides any limit it exceeds.
  static let maximumGzipBytes: UInt64 = 2 << 30

  /// The layers' uncompressed size in all (bytes; `Int.max` at most), how many layers,
  /// and whether the size is only a lower bound (an inflation budget spent, or a sum past
  /// `Int.max`).
  struct LayersSize {
    var size: Int
    var count: Int
    /// Why `size` is only a lower bound, nil when it is the sum.
    var lowerBound: String? = nil
    var isLowerBound: Bool { lowerBound != nil }
    var note: String { lowerBound.map { "; at least: \($0)" } ?? "" }
  }

  /// The uncompressed bytes of the layer files `paths`. A layer listed more than once is
  /// counted each time but read once.
  static func layersSize(_ paths: [String], _ archive: TarArchive) throws -> LayersSize {
    var total: UInt64 = 0
    var budget = LayerSize.Budget(bytes: maximumGzipBytes)
    var known: [UInt64: UInt64] = [:]  // size by the member's offset
    var lowerBound: String?
    for path in paths {
      guard let member = archive.member(path) else { throw ArchiveProblem(message: "layer \(path) is listed but not in the archive") }
      let size: UInt64
      if let seen = known[member.offset] {
        size = seen
      } else {
        let measured = try LayerSize.uncompressed(member, in: archive, budget: &budget)
        if !measured.complete {
          lowerBound = "vibe-rules stops after \(maximumGzipBytes) bytes of gzip layers inflated and read"
        }
        size = measured.size
        known[member.offset] = size
      }
      let (sum, overflow) = total.addingReportingOverflow(size)
      guard !overflow, sum <= UInt64(Int.max) else {
        return LayersSize(size: Int.max, count: paths.count, lowerBound: "the layers add up to more than \(Int.max) bytes")
      }
      total = sum
      if lowerBound != nil { break }
    }
    return LayersSize(size: Int(total), count: paths.count, lowerBound: lowerBound)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ what: String) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch {
      throw ArchiveProblem(message: "\(what) is not the JSON expected (\(error.localizedDescription))")
    }
  }
}
