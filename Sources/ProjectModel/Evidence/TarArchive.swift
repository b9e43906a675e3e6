import Foundation

/// The table of contents of a tar file on disk: each member's name, type, size and where
/// its bytes start, read from the 512-byte headers without reading member contents.
///
/// Reads POSIX ustar headers (with the `prefix` field), GNU long names and link names
/// (typeflags `L`, `K`), PAX extended headers (`x`: `path`, `linkpath`, `size`; `g`
/// ignored) and base-256 sizes, as Go's archive/tar (which Docker and BuildKit use) and
/// GNU tar write them. Names are cleaned (`clean`): `./a//b` is `a/b`.
/// Reference: "pax - portable archive interchange", ustar Interchange Format,
/// https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
struct TarArchive {
  struct Member {
    var name: String
    /// The ustar typeflag: "0" file, "1" hard link, "2" symbolic link, "5" directory, ...
    var type: Character
    var size: UInt64
    /// Offset of the first content byte.
    var offset: UInt64
    var linkName: String
  }

  enum Problem: Error {
    case notTar(String)
    case truncated(String)
  }

  /// The largest PAX extended header or GNU long name or link name (typeflags `x`, `L`,
  /// `K`) read, in bytes: Go's archive/tar refuses larger ones (`maxSpecialFileSize`,
  /// 1 MiB, https://go.dev/src/archive/tar/reader.go), so Docker never writes them.
  static let maximumSpecialMemberSize: UInt64 = 1 << 20

  /// The most regular files and links an archive may list (an image archive has a few
  /// per layer): each costs a table entry, so the table's memory stays bounded.
  static let maximumMembers = 65_536

  /// The most links followed from one name (a longer chain, or a cycle, leads nowhere).
  static let maximumLinkHops = 16

  /// The most bytes of long names, long link names and PAX headers in one archive (16
  /// MiB): Docker writes a few hundred bytes of them; each is read and its names cleaned.
  static let maximumSpecialBytes: UInt64 = 16 << 20

  /// The most headers read, of any type (1,000,000, 512 MB of headers): directories and
  /// other entries do not count against `maximumMembers`, but each costs a read.
  static let maximumHeaders = 1_000_000

  let handle: FileHandle
  let fileSize: UInt64
  /// Regular files by the name they are found under: their own, or a link's that leads to
  /// them (the last member of a name wins, as tar extracts).
  private(set) var members: [String: Member] = [:]

  init(handle: FileHandle, fileSize: UInt64) throws {
    self.handle = handle
    self.fileSize = fileSize
    try index()
    members = Self.resolvingLinks(members)
  }

  private mutating func index() throws {
    var offset: UInt64 = 0
    var longName: String?
    var longLink: String?
    var pax: [String: String] = [:]
    var headers = 0
    var specialBytes: UInt64 = 0
    var reader = BlockReader(handle: handle, fileSize: fileSize)
    while offset + 512 <= fileSize {
      let header = Array(try reader.bytes(at: offset, count: 512))
      if header.allSatisfy({ $0 == 0 }) { break }
      guard Self.checksumMatches(header) else {
        throw Problem.notTar(headers == 0 ? "not a tar archive (no valid tar header at the start)" : "tar header at byte \(offset) is corrupt (checksum mismatch)")
      }
      headers += 1
      guard headers <= Self.maximumHeaders else {
        throw Problem.notTar("the tar archive has more than \(Self.maximumHeaders) headers; an image archive has a few per layer")
      }
      let type = header[156] == 0 ? Character("0") : Character(UnicodeScalar(header[156]))
      guard var size = Self.number(header[124..<136]) else { throw Problem.notTar("tar header at byte \(offset) has no valid size") }
      if let paxSize = pax["size"].flatMap(UInt64.init) { size = paxSize }
      // offset + 512 <= fileSize here; compared without adding, a size near 2^64 (base-256
      // or PAX) cannot overflow.
      let content = offset + 512
      guard size <= fileSize - content else { throw Problem.truncated("the tar archive ends inside member at byte \(offset)") }
      if "LKx".contains(type) {
        guard size <= Self.maximumSpecialMemberSize else {
          throw Problem.notTar("tar header at byte \(offset) has an extended header or long name of \(size) bytes; at most \(Self.maximumSpecialMemberSize) are read (as Go's archive/tar, which Docker uses)")
        }
        specialBytes += size
        guard specialBytes <= Self.maximumSpecialBytes else {
          throw Problem.notTar("the tar archive holds more than \(Self.maximumSpecialBytes) bytes of long names and extended headers; Docker writes a few hundred")
        }
      }
      switch type {
      case "L": longName = Self.text(try reader.bytes(at: content, count: Int(size)))
      case "K": longLink = Self.text(try reader.bytes(at: content, count: Int(size)))
      case "x": pax = Self.paxRecords(Array(try reader.bytes(at: content, count: Int(size))))
      case "g": break
      default:
        let name = Self.clean(pax["path"] ?? longName ?? Self.ustarName(header))
        let link = pax["linkpath"] ?? longLink ?? Self.text(header[157..<257])
        if type == "0" || type == "7" || type == "1" || type == "2" {
          guard members.count < Self.maximumMembers || members[name] != nil else {
            throw Problem.notTar("the tar archive lists more than \(Self.maximumMembers) files and links; an image archive has a few per layer")
          }
          members[name] = Member(name: name, type: type == "7" ? "0" : type, size: size, offset: content, linkName: link)
        }
        longName = nil
        longLink = nil
        pax = [:]
      }
      offset = content + (size + 511) / 512 * 512
    }
    guard headers > 0 else { throw Problem.notTar("not a tar archive (empty)") }
  }

  /// Reads the archive's headers through a 1 MiB window, so that a run of small members
  /// costs a read per window rather than a seek and a read per header.
  struct BlockReader {
    let handle: FileHandle
    let fileSize: UInt64
    private var window: [UInt8] = []
    private var windowStart: UInt64 = 0
    static let windowSize = 1 << 20

    init(handle: FileHandle, fileSize: UInt64) {
      self.handle = handle
      self.fileSize = fileSize
    }

    /// `count` bytes at `offset`.
    /// - Throws: `Problem.truncated` when the file ends first.
    mutating func bytes(at offset: UInt64, count: Int) throws -> ArraySlice<UInt8> {
      let inWindow = offset >= windowStart && offset - windowStart + UInt64(count) <= UInt64(window.count)
      if !inWindow {
        try handle.seek(toOffset: offset)
        let wanted = max(count, Self.windowSize)
        let data = try handle.read(upToCount: Int(min(UInt64(wanted), fileSize - min(offset, fileSize)))) ?? Data()
        window = [UInt8](data)
        windowStart = offset
        guard window.count >= count else { throw Problem.truncated("the file ends at byte \(offset + UInt64(window.count)), inside the tar archive") }
      }
      let start = Int(offset - windowStart)
      return window[start..<(start + count)]
    }
  }

  /// The regular file at `name`, through any symbolic and hard links.
  func member(_ name: String) -> Member? {
    members[Self.clean(name)]
  }

  /// `table` with every link replaced by the regular file it leads to within
  /// `maximumLinkHops` links (links that lead nowhere, into a cycle or through a longer
  /// chain dropped). Each link's target is cleaned once and each chain walked once, so a
  /// long link name shared by many links costs its length once; the result is the same
  /// whatever order the names are taken in.
  static func resolvingLinks(_ table: [String: Member]) -> [String: Member] {
    /// Where a name leads: the regular file and how many links away, or nowhere.
    enum Resolution {
      case file(Member, hops: Int)
      case nowhere
    }
    var resolved: [String: Resolution] = [:]
    func target(of link: Member) -> String {
      // A symbolic link's relative target is read from its folder (the name is clean).
      guard link.type == "2", !link.linkName.hasPrefix("/"), let slash = link.name.lastIndex(of: "/") else { return clean(link.linkName) }
      return clean(link.name[..<slash] + "/" + link.linkName)
    }
    for start in table.keys where resolved[start] == nil {
      // Follow the chain from `start` until a name already resolved, a regular file, a
      // missing name or a name met before on this chain (a cycle); then resolve the
      // chain's names from its end back.
      var chain: [String] = []
      var onChain: Set<String> = []
      var name = start
      var end = Resolution.nowhere
      while true {
        if let known = resolved[name] {
          end = known
          break
        }
        guard let member = table[name], !onChain.contains(name) else { break }
        if member.type == "0" {
          end = .file(member, hops: 0)
          resolved[name] = end
          break
        }
        guard member.type == "1" || member.type == "2" else { break }
        chain.append(name)
        onChain.insert(name)
        name = target(of: member)
      }
      for link in chain.reversed() {
        if case .file(let file, let hops) = end, hops < maximumLinkHops {
          end = .file(file, hops: hops + 1)
        } else {
          end = .nowhere
        }
        resolved[link] = end
      }
    }
    var files: [String: Member] = [:]
    files.reserveCapacity(table.count)
    for (name, resolution) in resolved {
      if case .file(let file, _) = resolution { files[name] = file }
    }
    return files
  }

  /// The contents of a member (for small members: JSON documents).
  func contents(_ member: Member) throws -> Data {
    Data(try bytes(at: member.offset, count: Int(member.size)))
  }

  func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
    try handle.seek(toOffset: offset)
    let data = try handle.read(upToCount: count) ?? Data()
    guard data.count == count else { throw Problem.truncated("the file ends at byte \(offset + UInt64(data.count)), inside the tar archive") }
    return [UInt8](data)
  }

  /// "a/./b/../c" → "a/c"; leading "/" and "./" removed. One pass over the UTF-8 bytes
  /// (a 1 MiB name of 500,000 parts had cost a split and a join of them all).
  static func clean(_ path: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(path.utf8.count)
    var starts: [Int] = []  // where each kept part starts in `out`
    var part: [UInt8] = []
    func endPart() {
      defer { part.removeAll(keepingCapacity: true) }
      if part.isEmpty || part == [UInt8(ascii: ".")] { return }
      if part == [UInt8(ascii: "."), UInt8(ascii: ".")] {
        if let start = starts.popLast() { out.removeSubrange(max(start - 1, 0)...) }
        return
      }
      if !out.isEmpty { out.append(UInt8(ascii: "/")) }
      starts.append(out.count)
      out.append(contentsOf: part)
    }
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") { endPart() } else { part.append(byte) }
    }
    endPart()
    return String(decoding: out, as: UTF8.self)
  }

  /// The header checksum: the sum of all header bytes with the checksum field read as
  /// spaces, written in octal.
  static func checksumMatches(_ header: [UInt8]) -> Bool {
    guard let stored = number(header[148..<156]) else { return false }
    var sum: UInt64 = 0
    for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : UInt64(byte) }
    return sum == stored
  }

  /// An octal field (NUL/space terminated), or base-256 when the high bit of the first
  /// byte is set (GNU extension for sizes over 8 GiB).
  static func number(_ field: ArraySlice<UInt8>) -> UInt64? {
    if let first = field.first, first & 0x80 != 0 {
      return field.dropFirst().reduce(UInt64(first & 0x7f)) { $0 << 8 | UInt64($1) }
    }
    let digits = field.prefix { $0 != 0 }.filter { $0 != 32 }
    guard !digits.isEmpty else { return 0 }
    return UInt64(String(decoding: digits, as: UTF8.self), radix: 8)
  }

  static func text(_ bytes: some Collection<UInt8>) -> String {
    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
  }

  static func ustarName(_ header: [UInt8]) -> String {
    let name = text(header[0..<100])
    let isUstar = text(header[257..<262]) == "ustar"
    let prefix = isUstar ? text(header[345..<500]) : ""
    return prefix.isEmpty ? name : prefix + "/" + name
  }

  /// PAX records: "<length> <key>=<value>\n" each.
  static func paxRecords(_ bytes: [UInt8]) -> [String: String] {
    var records: [String: String] = [:]
    var index = 0
    while index < bytes.count {
      guard let space = bytes[index...].firstIndex(of: 32), let length = Int(String(decoding: bytes[index..<space], as: UTF8.self)),
        length > space - index, length <= bytes.count - index
      else { break }
      let record = String(decoding: bytes[(space + 1)..<(index + length)], as: UTF8.self)
      if let equals = record.firstIndex(of: "=") {
        var value = String(record[record.index(after: equals)...])
        if value.hasSuffix("\n") { value.removeLast() }
        records[String(record[..<equals])] = value
      }
      index += length
    }
    return records
  }
}
