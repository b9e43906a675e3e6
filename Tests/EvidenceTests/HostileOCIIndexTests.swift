import Diagnostics
import Foundation
@testable import ProjectModel
import Testing

/// Image archives whose tables of contents are made to cost: indexes that reference each
/// other many times, descriptors without a media type, a long link name behind many
/// listings, and more members than an image has. Each reads in bounded work, or is an
/// input error at the archive.
@Suite struct HostileOCIIndexTests {
  static let indexType = "application/vnd.oci.image.index.v1+json"
  static let manifestType = "application/vnd.oci.image.manifest.v1+json"

  /// An OCI layout in `layout` with one arm64 image (config and one layer); returns the
  /// manifest's digest and the layer's size.
  static func image(_ fixture: inout ImageFixture, in layout: String) throws -> (digest: String, layerSize: Int) {
    let layer = try fixture.layer(["a": 100])
    let layerDigest = try fixture.blob(layer, in: layout)
    let config = try ImageFixture.config(architecture: "arm64", diffIDs: [layerDigest])
    let configDigest = try fixture.blob(config, in: layout)
    let manifest = try ImageFixture.manifest(config: configDigest, configSize: config.count, layers: [(layerDigest, layer.count, false)])
    return (try fixture.blob(manifest, in: layout), layer.count)
  }

  /// The walk of the layout packed from `layout`.
  static func walk(_ fixture: ImageFixture, _ layout: String) throws -> OCIIndexWalk {
    let path = try fixture.pack(layout, into: "\(layout).tar")
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    let archive = try TarArchive(handle: handle, fileSize: UInt64(try #require(FileBytes.size(of: path))))
    var walk = OCIIndexWalk(archive: archive)
    let top = try ImageArchive.decode(ImageArchive.OCIIndex.self, archive.contents(try #require(archive.member("index.json"))), "index.json")
    try walk.collect(top)
    return walk
  }

  /// Three levels of indexes, each listing the one below 30 times, under an index.json
  /// listing the top 30 times: 30^4 paths to one manifest. Each index had been read and
  /// walked per reference (an adversarial tester's K = 100 crashed on allocation).
  @Test func indexesReferencedOverAndOverAreWalkedOnce() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let image = try Self.image(&fixture, in: "fan")
    var child: [String: Any] = ["mediaType": Self.manifestType, "digest": image.digest,
                                "platform": ["architecture": "arm64", "os": "linux"]]
    for _ in 0..<3 {
      let index = try ImageFixture.json(["schemaVersion": 2, "manifests": Array(repeating: child, count: 30)])
      child = ["mediaType": Self.indexType, "digest": try fixture.blob(index, in: "fan")]
    }
    try scratch.write("fan/index.json", try ImageFixture.json(["schemaVersion": 2, "manifests": Array(repeating: child, count: 30)]))

    let walk = try Self.walk(fixture, "fan")
    #expect(walk.blobsRead == 3)
    #expect(walk.descriptors == 30 * 4)
    #expect(walk.candidates.count == 1)
    let read = try ImageArchive.read(path: scratch.path("fan.tar"), displayName: "fan.tar")
    #expect(read.platform == "linux/arm64")
    #expect(read.manifestDigest == image.digest)
    #expect(read.size == image.layerSize)
  }

  /// Descriptors without a `mediaType` are read to learn whether they are indexes: one
  /// blob behind 2,000 of them is read once (a 15 MB one had been decoded per descriptor).
  @Test func aBlobBehindManyUntypedDescriptorsIsReadOnce() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let large = try ImageFixture.json(["schemaVersion": 2, "pad": String(repeating: "A", count: 1_000_000)])
    let digest = try fixture.blob(large, in: "flat")
    try scratch.write("flat/index.json", try ImageFixture.json(["schemaVersion": 2, "manifests": Array(repeating: ["digest": digest], count: 2_000)]))
    let walk = try Self.walk(fixture, "flat")
    #expect(walk.blobsRead == 1)
    #expect(walk.candidates.map(\.descriptor.digest) == [digest])
  }

  /// More descriptors than `maximumDescriptors` in all is an input error at the archive.
  @Test func tooManyDescriptorsAreRefused() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let descriptor = ["mediaType": Self.manifestType, "digest": try Self.image(&fixture, in: "many").digest]
    try scratch.write("many/index.json", try ImageFixture.json(["schemaVersion": 2, "manifests": Array(repeating: descriptor, count: OCIIndexWalk.maximumDescriptors + 1)]))
    let path = try fixture.pack("many", into: "many.tar")
    #expect(throws: InputError("index.json leads to more than 10000 descriptors; export one image", at: .start(of: "many.tar"))) {
      try ImageArchive.read(path: path, displayName: "many.tar")
    }
  }

  /// A nested index holding more descriptors than the limit is refused as soon as it is
  /// decoded, before any of them is walked (four such blobs of 16 MB had been decoded and
  /// kept before the count reached the limit: 632 MB).
  @Test func anIndexOverTheLimitIsRefusedBeforeItIsWalked() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let digest = try Self.image(&fixture, in: "wide").digest
    let wide = try ImageFixture.json(["schemaVersion": 2, "manifests": Array(repeating: ["digest": digest], count: OCIIndexWalk.maximumDescriptors)])
    let wideDigest = try fixture.blob(wide, in: "wide")
    try scratch.write("wide/index.json", try ImageFixture.json(["schemaVersion": 2, "manifests": [["digest": wideDigest]]]))
    let path = try fixture.pack("wide", into: "wide.tar")
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    let archive = try TarArchive(handle: handle, fileSize: UInt64(try #require(FileBytes.size(of: path))))
    var walk = OCIIndexWalk(archive: archive)
    let top = try ImageArchive.decode(ImageArchive.OCIIndex.self, archive.contents(try #require(archive.member("index.json"))), "index.json")
    #expect(throws: ImageArchive.ArchiveProblem.self) { try walk.collect(top) }
    #expect(walk.descriptors == 1)
  }
}
