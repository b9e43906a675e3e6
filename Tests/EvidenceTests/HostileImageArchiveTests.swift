import Diagnostics
import Foundation
@testable import ProjectModel
@testable import Rules
import Testing

/// Image archives made to break the reader: sizes that overflow 64 bits, extended headers
/// too large to hold in memory, gzip bombs and a layer listed over and over. Each is an
/// input error at the archive or a bounded measurement, never a crash.
@Suite struct HostileImageArchiveTests {
  /// One 512-byte tar header: `size` is the raw 12-byte size field.
  static func header(_ name: String, size: [UInt8], type: UInt8 = UInt8(ascii: "0")) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    header.replaceSubrange(0..<name.utf8.count, with: Array(name.utf8))
    header.replaceSubrange(100..<108, with: Array("0000644\0".utf8))
    header.replaceSubrange(124..<136, with: size)
    header[156] = type
    header.replaceSubrange(257..<265, with: Array("ustar\000".utf8))
    header.replaceSubrange(148..<156, with: [UInt8](repeating: 32, count: 8))
    let sum = header.reduce(0) { $0 + Int($1) }
    header.replaceSubrange(148..<156, with: Array(String(format: "%06o\0 ", sum).utf8))
    return header
  }

  static func octal(_ value: Int) -> [UInt8] { Array(String(format: "%011o\0", value).utf8) }

  /// The reader's error for the archive `bytes`, or nil when it reads.
  static func problem(_ bytes: [UInt8]) throws -> String? {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.write("hostile.tar", Data(bytes))
    do {
      _ = try ImageArchive.read(path: path, displayName: "hostile.tar")
      return nil
    } catch {
      #expect(error.location == .start(of: "hostile.tar"))
      return error.message
    }
  }

  /// A base-256 size of all ones, or a PAX `size` of 2^64 - 1: the bounds check itself had
  /// overflowed (a crash with a stack trace).
  @Test func sizesNear2To64AreTruncatedArchives() throws {
    let baseTwo56 = Self.header("manifest.json", size: [UInt8](repeating: 0xff, count: 12)) + [UInt8](repeating: 0, count: 2048)
    #expect(try Self.problem(baseTwo56) == "the tar archive ends inside member at byte 0")

    var record = Array(" size=18446744073709551615\n".utf8)
    record = Array(String(record.count + 2).utf8) + record
    let pax = Self.header("PaxHeaders/x", size: Self.octal(record.count), type: UInt8(ascii: "x"))
      + record + [UInt8](repeating: 0, count: 512 - record.count)
      + Self.header("manifest.json", size: Self.octal(0)) + [UInt8](repeating: 0, count: 2048)
    #expect(try Self.problem(pax) == "the tar archive ends inside member at byte 1024")

    // A PAX record whose length is near Int.max.
    let long = Array("9223372036854775800 path=x\n".utf8)
    let overlong = Self.header("PaxHeaders/y", size: Self.octal(long.count), type: UInt8(ascii: "x"))
      + long + [UInt8](repeating: 0, count: 512 - long.count)
      + Self.header("manifest.json", size: Self.octal(2)) + Array("[]".utf8) + [UInt8](repeating: 0, count: 510 + 1024)
    #expect(try Self.problem(overlong) == "manifest.json lists no image")
  }

  /// A GNU long name or PAX header over Go's 1 MiB limit is refused before it is read
  /// (a sparse 4 TiB one had been read whole: 6.7 GB and growing).
  @Test(arguments: [UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x")])
  func oversizedExtendedHeadersAreRefused(type: UInt8) throws {
    let size = Int(TarArchive.maximumSpecialMemberSize) + 512
    let bytes = Self.header("././@LongLink", size: Self.octal(size), type: type) + [UInt8](repeating: 0x41, count: size) + [UInt8](repeating: 0, count: 1024)
    let message = try #require(try Self.problem(bytes))
    #expect(message.contains("extended header or long name of \(size) bytes; at most 1048576 are read"), "\(message)")
  }

  /// Inflating stops once past the limit, with the count so far (above it).
  @Test func inflatingStopsPastTheLimit() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let compressed = [UInt8](try fixture.gzip(Data(repeating: 0, count: 8_000_000)))
    var reads = 0
    var offset = 0
    let size = try LayerSize.inflatedSize(limit: 300_000) { maximum in
      guard offset < compressed.count else { return nil }
      reads += 1
      let chunk = Array(compressed[offset..<min(offset + min(maximum, 1000), compressed.count)])
      offset += chunk.count
      return chunk
    }
    #expect(size > 300_000 && size < 8_000_000, "\(size)")
    #expect(offset < compressed.count, "read to the end: \(reads) reads")
    // Without a limit the whole stream counts.
    offset = 0
    #expect(try LayerSize.inflatedSize { maximum in
      guard offset < compressed.count else { return nil }
      let chunk = Array(compressed[offset..<min(offset + maximum, compressed.count)])
      offset += chunk.count
      return chunk
    } == 8_000_000)
  }

  /// A gzip layer listed 2,500 times is counted 2,500 times and inflated once: each
  /// listing had inflated it again (minutes for a 1 MB archive of a zero-filled layer).
  /// Inflated each time, the 5 GB would pass `maximumInflatedBytes` and be a lower bound.
  @Test func aLayerListedOverAndOverIsInflatedOnce() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let layer = try fixture.gzip(Data(repeating: 0, count: 2_000_000))
    try scratch.write("save/l/layer.tar", layer)
    try scratch.write("save/c.json", try ImageFixture.config(diffIDs: []))
    try scratch.write("save/manifest.json", try ImageFixture.json([["Config": "c.json", "Layers": Array(repeating: "l/layer.tar", count: 2_500)]]))
    let image = try ImageArchive.read(path: try fixture.pack("save", into: "image.tar"), displayName: "image.tar")
    #expect(UInt64(image.size) > ImageArchive.maximumInflatedBytes)
    #expect(image.size == 5_000_000_000)
    #expect(image.sizeIsLowerBound == false)
  }

  /// Past `maximumInflatedBytes` the size is a lower bound: it fails a limit it already
  /// exceeds, and needs evidence for a limit above it.
  @Test(arguments: [("500 MB", Verdict.Status.fail), ("9000 MB", Verdict.Status.needsEvidence)])
  func aLowerBoundDecidesOnlyWhatItExceeds(limit: String, expected: Verdict.Status) throws {
    let copy = try RepositoryCopy([("REQUIREMENTS.md", "max-image-size: 500 MB", "max-image-size: \(limit)")])
    defer { copy.remove() }
    var project = try copy.load { _ in }
    var image = ImageInspection(id: "sha256:b0mb", repoTags: ["bomb:1"], repoDigests: [], size: Int(ImageArchive.maximumInflatedBytes) + 1, created: nil, file: "image.tar")
    image.sizeIsLowerBound = true
    image.method = "sum of 1 uncompressed layer tar(s)"
    project.imageInspection = image
    let verdict = try #require(RuleEngine.run([ImageSizeRule()], on: project).first?.verdict)
    #expect(verdict.status == expected)
    let text = expected == .fail ? verdict.findings.map(\.message).joined() : verdict.note
    #expect(text.contains("is at least 4295.0 MB"), "\(text)")
  }
}
