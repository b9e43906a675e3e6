import Foundation

/// The image manifests an OCI image layout's `index.json` leads to, through nested image
/// indexes (a multi-platform image: an index of one manifest per platform, plus
/// attestation manifests).
///
/// A descriptor is an index when its `mediaType` says so, or, without a `mediaType`, when
/// its blob reads as one. An index blob is read and decoded once however often it is
/// referenced, and expanded once (its manifests are already collected the second time),
/// so a small archive of indexes that reference each other many times stays cheap. A
/// manifest reached by several paths is one candidate.
///
/// Reference: OCI image spec, "Image Index" and "Descriptors",
/// https://github.com/opencontainers/image-spec/blob/main/image-index.md
struct OCIIndexWalk {
  /// An image manifest found through the index, with the name and platform its
  /// descriptors give.
  struct Candidate {
    var descriptor: ImageArchive.OCIDescriptor
    var name: String?
    var platform: String?
  }

  static let indexTypes: Set<String> = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]

  /// How deep indexes may nest below `index.json` (Docker and BuildKit write one level).
  static let maximumNesting = 4

  /// The most descriptors walked in all (a multi-platform image has a few dozen).
  static let maximumDescriptors = 10_000

  /// The most bytes of nested index blobs read in all, 16 MB (Docker's are a few KB).
  static let maximumIndexBytes: UInt64 = 16_000_000

  let archive: TarArchive
  private(set) var candidates: [Candidate] = []
  /// Decoded blobs by the blob member's offset, until expanded; nil for a blob that is no
  /// index.
  private var indexes: [UInt64: ImageArchive.OCIIndex?] = [:]
  private var expanded: Set<UInt64> = []
  private var found: Set<String> = []
  private(set) var descriptors = 0
  /// Index blobs read and decoded (each at most once).
  private(set) var blobsRead = 0
  private var indexBytes: UInt64 = 0

  init(archive: TarArchive) {
    self.archive = archive
  }

  /// Collects the image manifests of `top`, the decoded `index.json`.
  /// - Throws: `ImageArchive.ArchiveProblem` past a limit, or for an index that cannot be read.
  mutating func collect(_ top: ImageArchive.OCIIndex) throws {
    try requireDescriptors(top.manifests.count)
    for descriptor in top.manifests {
      let name = descriptor.annotations?["io.containerd.image.name"] ?? descriptor.annotations?["org.opencontainers.image.ref.name"]
      try collect(descriptor, name: name, depth: 0)
    }
  }

  /// - Throws: when `count` more descriptors would pass `maximumDescriptors` (checked as
  /// soon as an index is decoded, before any of its descriptors is walked).
  private func requireDescriptors(_ count: Int) throws {
    guard descriptors + count <= Self.maximumDescriptors else {
      throw ImageArchive.ArchiveProblem(message: "index.json leads to more than \(Self.maximumDescriptors) descriptors; export one image")
    }
  }

  private mutating func collect(_ descriptor: ImageArchive.OCIDescriptor, name: String?, depth: Int) throws {
    descriptors += 1
    try requireDescriptors(0)
    guard depth < Self.maximumNesting else { throw ImageArchive.ArchiveProblem(message: "index.json nests indexes more than \(Self.maximumNesting) deep") }
    let declared = descriptor.mediaType.map(Self.indexTypes.contains)
    let blob = declared == false ? nil : archive.member(ImageArchive.blobPath(descriptor.digest))
    // An index already expanded: its manifests are collected (and its decoding freed).
    if let blob, expanded.contains(blob.offset) { return }
    // An untyped blob too large for an index is read as the manifest it must then be.
    let readable = blob.flatMap { declared == nil && $0.size >= ImageArchive.maximumIndexSize ? nil : $0 }
    let nested = try readable.flatMap { try index(in: $0) }
    guard declared ?? (nested != nil) else {
      guard found.insert(descriptor.digest).inserted else { return }
      candidates.append(Candidate(descriptor: descriptor, name: name, platform: descriptor.platform?.display))
      return
    }
    guard let blob, let nested else { throw ImageArchive.ArchiveProblem(message: "index \(descriptor.digest) cannot be read") }
    try requireDescriptors(nested.manifests.count)
    expanded.insert(blob.offset)
    indexes[blob.offset] = nil
    for child in nested.manifests { try collect(child, name: name, depth: depth + 1) }
  }

  /// The index `blob` holds, read and decoded the first time only; nil when it is no index.
  private mutating func index(in blob: TarArchive.Member) throws -> ImageArchive.OCIIndex? {
    if let known = indexes[blob.offset] { return known }
    indexBytes += blob.size
    blobsRead += 1
    guard indexBytes <= Self.maximumIndexBytes else {
      throw ImageArchive.ArchiveProblem(message: "index.json leads to more than \(Self.maximumIndexBytes) bytes of indexes; export one image")
    }
    let decoded = try? ImageArchive.decode(ImageArchive.OCIIndex.self, ImageArchive.document(blob, archive, limit: ImageArchive.maximumIndexSize), blob.name)
    indexes.updateValue(decoded, forKey: blob.offset)
    return decoded
  }
}
