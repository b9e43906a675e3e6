import Foundation
import Testing

/// vibe-rules runs nothing, writes nothing it checks and opens no connection except
/// `vibe-rules probe` to the URL it is given. Checked on the source: every call that
/// could spawn a process, open a network connection or write a file is listed here with
/// the only files allowed to make it, so a new one fails this test until it is reviewed.
@Suite struct SideEffectTests {
  struct Capability: Sendable, CustomStringConvertible {
    var name: String
    var pattern: String
    /// Files (relative to Sources/) allowed to use it, with the reason.
    var allowed: [String: String]
    var description: String { name }
  }

  static let capabilities: [Capability] = [
    Capability(
      name: "spawning a process",
      pattern: #"\bProcess\s*\(|Process\.run|\bposix_spawn|\bsystem\s*\(|\bpopen\s*\(|\bexec[lv]p?e?\s*\(|\bv?fork\s*\(|\bNSTask\b|\bSubprocess\b|\bdlopen\s*\("#,
      allowed: [:]),
    Capability(
      name: "opening a network connection",
      pattern: #"\bURLSession|\bURLRequest\b|\bsocket\s*\(|\bconnect\s*\(|\bgetaddrinfo\b|\bCFStream|\bNWConnection|\bHTTPClient\b"#,
      allowed: ["ProjectModel/Evidence/HealthProbe.swift": "HealthProbe: the GETs of `vibe-rules probe URL`"]),
    Capability(
      name: "writing or changing a file",
      pattern: #"fopen\s*\([^)]*"[wa+]|\bcreateFile\b|\.write\s*\(\s*to\b|FileHandle\s*\(\s*forWriting|FileHandle\s*\(\s*forUpdating|\bremoveItem\b|\bmoveItem\b|\bcopyItem\b|\bcreateDirectory\b|\bunlink\s*\(|\brename\s*\(|\bmkdir\s*\(|\btruncate\s*\(|\bchmod\s*\(|\bopen\s*\([^)]*O_(WRONLY|RDWR|CREAT)"#,
      allowed: ["vibe-rules/Output.swift": "Output.write: the file named by --output or --baseline (report, baseline, probe result), refused when it is a checked file"]),
  ]

  /// Source lines without `//` comments (string contents are kept: a match there is
  /// reviewed like code).
  static let sources: [(file: String, lines: [String])] = {
    let root = Paths.repository.appendingPathComponent("Sources")
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var files: [(String, [String])] = []
    while let url = enumerator?.nextObject() as? URL {
      guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      let relative = String(url.path.dropFirst(root.path.count + 1))
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("//") ? "" : String(line)
      }
      files.append((relative, lines))
    }
    return files.sorted { $0.0 < $1.0 }
  }()

  @Test func sourcesAreFound() {
    #expect(Self.sources.count > 100)
    #expect(Self.sources.contains { $0.file == "Diagnostics/FileBytes.swift" })
  }

  @Test(arguments: capabilities)
  func onlyReviewedFilesHaveTheCapability(capability: Capability) throws {
    let regex = try NSRegularExpression(pattern: capability.pattern)
    var users: [String: [Int]] = [:]
    for (file, lines) in Self.sources {
      for (index, line) in lines.enumerated() where regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
        users[file, default: []].append(index + 1)
      }
    }
    for (file, lines) in users where capability.allowed[file] == nil {
      Issue.record("Sources/\(file) lines \(lines): \(capability.name) is not expected there")
    }
  }

  /// The one network user runs only for the probe command.
  @Test func healthProbeRunsOnlyFromTheProbeCommand() throws {
    let regex = try NSRegularExpression(pattern: #"\bHealthProbe\s*\.\s*run\b|\bHealthProbe\s*\("#)
    let callers = Self.sources.filter { _, lines in
      lines.contains { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
    }.map(\.file)
    #expect(callers == ["vibe-rules/Probe.swift"])
  }

  /// Files are read through `FileBytes` (one open(2), read-only and non-blocking, then
  /// checked on the descriptor: kind, size, where it lies) or directory listings.
  @Test func fileBytesOpensForReadingOnly() throws {
    let lines = try #require(Self.sources.first { $0.file == "Diagnostics/FileBytes.swift" }?.lines)
    let regex = try NSRegularExpression(pattern: #"\b(f?open)\s*\("#)
    let opens = lines.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
    #expect(opens.count == 1, "\(opens)")
    #expect(opens.allSatisfy { $0.contains("open(path, O_RDONLY | O_NONBLOCK") }, "\(opens)")
  }
}
