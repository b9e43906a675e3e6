import Diagnostics
import Foundation
@testable import ProjectModel
@testable import Rules
import Testing

/// Image archives made to break the reader: sizes that overflow 64 bits, extended headers
/// too large to hold in memory, gzip bombs and a layer listed over and over. Each is an
/// input error at the archive or a bounded measurement, never a crash.
@Suite struct HostileImageArchiveTests {
  /// One 512-byte tar header: `size` is the raw 12-byte size field, `link` the link name.
  static func header(_ name: String, size: [UInt8], type: UInt8 = UInt8(ascii: "0"), link: String = "") -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    header.replaceSubrange(0..<name.utf8.count, with: Array(name.utf8))
    header.replaceSubrange(157..<(157 + link.utf8.count), with: Array(link.utf8))
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

  /// A symbolic link with a GNU long link name of nearly 1 MiB (`./` repeated, then the
  /// layer's name), behind 1,000 links listed as layers: the long name is cleaned once
  /// (each listing had followed it again, 42 ms each: hours for 100,000 listings).
  @Test func aLongLinkNameBehindManyListingsIsFollowedOnce() throws {
    let content = [UInt8](repeating: 0x61, count: 10)
    let linkName = Array(String(repeating: "./", count: (1 << 19) - 8).utf8) + Array("layer".utf8)
    var bytes = Self.header("layer", size: Self.octal(10)) + content + [UInt8](repeating: 0, count: 502)
    bytes += Self.header("././@LongLink", size: Self.octal(linkName.count), type: UInt8(ascii: "K"))
      + linkName + [UInt8](repeating: 0, count: (512 - linkName.count % 512) % 512)
    bytes += Self.header("s0", size: Self.octal(0), type: UInt8(ascii: "2"))
    let listings = (1...1_000).map { "s\($0)" }
    for name in listings {
      bytes += Self.header(name, size: Self.octal(0), type: UInt8(ascii: "2"), link: "s0")
    }
    let manifest = Array(String(decoding: try JSONSerialization.data(withJSONObject: [["Config": "c.json", "Layers": listings]]), as: UTF8.self).utf8)
    let config = Array(#"{"architecture":"amd64","os":"linux"}"#.utf8)
    for (name, body) in [("c.json", config), ("manifest.json", manifest)] {
      bytes += Self.header(name, size: Self.octal(body.count)) + body + [UInt8](repeating: 0, count: (512 - body.count % 512) % 512)
    }
    bytes += [UInt8](repeating: 0, count: 1024)
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let image = try ImageArchive.read(path: try scratch.write("links.tar", Data(bytes)), displayName: "links.tar")
    #expect(image.size == 10 * 1_000)
  }

  /// A chain of 17 links to a file: the first name is past the 16-link limit, the second
  /// within it, whatever order the names are resolved in (the result had depended on
  /// which name the table listed first: 2 runs in 60 read the archive as another).
  @Test func linkChainsResolveTheSameInAnyOrder() {
    func member(_ name: String, link: String?) -> TarArchive.Member {
      TarArchive.Member(name: name, type: link == nil ? "0" : "2", size: 1, offset: 512, linkName: link ?? "")
    }
    var table = ["real.json": member("real.json", link: nil), "manifest.json": member("manifest.json", link: "k0")]
    for index in 0..<16 { table["k\(index)"] = member("k\(index)", link: index == 15 ? "real.json" : "k\(index + 1)") }
    // Cycles and a dangling link lead nowhere.
    table["c0"] = member("c0", link: "c1")
    table["c1"] = member("c1", link: "c0")
    table["into-cycle"] = member("into-cycle", link: "c0")
    table["dangling"] = member("dangling", link: "absent")
    for _ in 0..<50 {
      let files = TarArchive.resolvingLinks(Dictionary(uniqueKeysWithValues: table.shuffled().map { ($0.key, $0.value) }))
      #expect(files["manifest.json"] == nil)
      #expect(files["k0"]?.name == "real.json" && files["k15"]?.name == "real.json")
      #expect(files["c0"] == nil && files["c1"] == nil && files["into-cycle"] == nil && files["dangling"] == nil)
      #expect(files.count == 17)
    }
  }

  /// Names are cleaned in one pass over their bytes.
  @Test(arguments: [("a/./b/../c", "a/c"), ("./manifest.json", "manifest.json"), ("/abs//x/", "abs/x"), ("../../x", "x"), ("a/b/..", "a"), ("./", ""), ("é/./ü", "é/ü")])
  func namesAreCleaned(path: String, cleaned: String) {
    #expect(TarArchive.clean(path) == cleaned)
  }

  /// Long names past `TarArchive.maximumSpecialBytes` in all are refused: 100 names of 1
  /// MiB had taken 13 s and 183 MB (and 400, 445 MB).
  @Test func longNamesPastTheirBudgetAreRefused() throws {
    let name = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20 - 512)
    var bytes: [UInt8] = []
    for index in 0...16 {
      bytes += Self.header("././@LongLink", size: Self.octal(name.count), type: UInt8(ascii: "L")) + name
      bytes += Self.header("f\(index)", size: Self.octal(0))
    }
    bytes += [UInt8](repeating: 0, count: 1024)
    #expect(try Self.problem(bytes) == "the tar archive holds more than 16777216 bytes of long names and extended headers; Docker writes a few hundred")
  }

  /// More files and links than `TarArchive.maximumMembers` is an input error at the
  /// archive: the table had grown with the archive (958 MB for a 315 MB one).
  @Test func moreMembersThanAnImageHasAreRefused() throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity((TarArchive.maximumMembers + 3) * 512)
    for number in 0...TarArchive.maximumMembers { bytes += Self.header("f\(number)", size: Self.octal(0)) }
    bytes += [UInt8](repeating: 0, count: 1024)
    #expect(try Self.problem(bytes) == "the tar archive lists more than 65536 files and links; an image archive has a few per layer")
  }

  /// Inflating stops once past the budget, with the count so far, and spends the budget.
  @Test func inflatingStopsPastTheLimit() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let compressed = [UInt8](try fixture.gzip(Data(repeating: 0, count: 8_000_000)))
    var offset = 0
    func read(_ maximum: Int) -> [UInt8]? {
      guard offset < compressed.count else { return nil }
      let chunk = Array(compressed[offset..<min(offset + min(maximum, 1000), compressed.count)])
      offset += chunk.count
      return chunk
    }
    var budget = LayerSize.Budget(bytes: 300_000)
    let measure = try LayerSize.inflatedSize(budget: &budget, read)
    #expect(measure.size > 200_000 && measure.size < 8_000_000 && !measure.complete, "\(measure)")
    #expect(offset < compressed.count, "read to the end")
    #expect(budget.bytes == 0)
    // Without a limit the whole stream counts.
    offset = 0
    budget = LayerSize.Budget(bytes: .max)
    #expect(try LayerSize.inflatedSize(budget: &budget, read) == LayerSize.Measure(size: 8_000_000))
  }

  /// The zero-padding check, a word at a time, sees a non-zero byte anywhere after `from`.
  @Test func zeroPaddingIsCheckedToTheLastByte() {
    var bytes = [UInt8](repeating: 0, count: 37)
    bytes.withUnsafeBufferPointer { buffer in
      for start in 0...37 { #expect(LayerSize.allZero(buffer, from: start)) }
    }
    for nonZero in [0, 3, 8, 15, 16, 30, 36] {
      bytes = [UInt8](repeating: 0, count: 37)
      bytes[nonZero] = 1
      bytes.withUnsafeBufferPointer { buffer in
        for start in 0...37 { #expect(LayerSize.allZero(buffer, from: start) == (start > nonZero), "byte \(nonZero) from \(start)") }
      }
    }
  }

  /// Bytes that inflate to nothing (empty gzip members, zero padding) spend the budget
  /// too: a sparse layer of 64 GiB of zero padding had been read to its end, past 60 s,
  /// without counting against any limit.
  @Test func readingStopsPastTheReadBudget() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let empty = [UInt8](try fixture.gzip(Data()))
    var reads = 0
    var budget = LayerSize.Budget(bytes: 100_000)
    let members = try LayerSize.inflatedSize(budget: &budget) { _ in
      reads += 1
      return reads <= 1_000_000 ? Array([[UInt8]](repeating: empty, count: 50).joined()) : nil
    }
    #expect(members == LayerSize.Measure(size: 0, complete: false))
    #expect(reads < 100_000 / (empty.count * 50) + 2, "\(reads) reads")
    reads = 0
    budget = LayerSize.Budget(bytes: 100_000)
    let padding = try LayerSize.inflatedSize(budget: &budget) { _ in
      reads += 1
      return reads == 1 ? empty : reads <= 1_000_000 ? [UInt8](repeating: 0, count: 4096) : nil
    }
    #expect(padding == LayerSize.Measure(size: 0, complete: false))
    #expect(reads < 100_000 / 4096 + 3, "\(reads) reads")
  }

  /// A gzip layer listed 2,500 times is counted 2,500 times and inflated once: each
  /// listing had inflated it again (minutes for a 1 MB archive of a zero-filled layer).
  /// Inflated each time, the 5 GB would pass `maximumGzipBytes` and be a lower bound.
  @Test func aLayerListedOverAndOverIsInflatedOnce() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    var fixture = ImageFixture(scratch)
    let layer = try fixture.gzip(Data(repeating: 0, count: 2_000_000))
    try scratch.write("save/l/layer.tar", layer)
    try scratch.write("save/c.json", try ImageFixture.config(diffIDs: []))
    try scratch.write("save/manifest.json", try ImageFixture.json([["Config": "c.json", "Layers": Array(repeating: "l/layer.tar", count: 2_500)]]))
    let image = try ImageArchive.read(path: try fixture.pack("save", into: "image.tar"), displayName: "image.tar")
    #expect(UInt64(image.size) > ImageArchive.maximumGzipBytes)
    #expect(image.size == 5_000_000_000)
    #expect(image.sizeIsLowerBound == false)
  }

  /// Past `maximumGzipBytes` the size is a lower bound: it fails a limit it already
  /// exceeds, and needs evidence for a limit above it.
  @Test(arguments: [("500 MB", Verdict.Status.fail), ("9000 MB", Verdict.Status.needsEvidence)])
  func aLowerBoundDecidesOnlyWhatItExceeds(limit: String, expected: Verdict.Status) throws {
    let copy = try RepositoryCopy([("REQUIREMENTS.md", "max-image-size: 500 MB", "max-image-size: \(limit)")])
    defer { copy.remove() }
    var project = try copy.load { _ in }
    var image = ImageInspection(id: "sha256:b0mb", repoTags: ["bomb:1"], repoDigests: [], size: Int(ImageArchive.maximumGzipBytes) + 1, created: nil, file: "image.tar")
    image.sizeIsLowerBound = true
    image.method = "sum of 1 uncompressed layer tar(s)"
    project.imageInspection = image
    let verdict = try #require(RuleEngine.run([ImageSizeRule()], on: project).first?.verdict)
    #expect(verdict.status == expected)
    let text = expected == .fail ? verdict.findings.map(\.message).joined() : verdict.note
    #expect(text.contains("is at least 2147.5 MB"), "\(text)")
  }

  /// The image's `created`, tag and platform come from the evidence file: each is cut to
  /// `QuotedText.maximumBytes` in the finding (a 15 MB `created` had been one 15 MB line).
  @Test func evidenceTextIsQuotedCut() throws {
    let copy = try RepositoryCopy([])
    defer { copy.remove() }
    var project = try copy.load { _ in }
    let long = String(repeating: "x", count: 100_000)
    var image = ImageInspection(id: "sha256:" + long, repoTags: [long], repoDigests: [], size: 600_000_000, created: long, file: "image.tar")
    image.platform = long
    image.method = "sum of 1 uncompressed layer tar(s)"
    project.imageInspection = image
    let verdict = try #require(RuleEngine.run([ImageSizeRule()], on: project).first?.verdict)
    #expect(verdict.status == .fail)
    let message = try #require(verdict.findings.first?.message)
    #expect(message.utf8.count < 1_000, "\(message.utf8.count) bytes")
    #expect(message.contains("built " + String(repeating: "x", count: 200) + "… (99800 more bytes)"))
  }
}
