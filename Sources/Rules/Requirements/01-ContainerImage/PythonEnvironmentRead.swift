/// Whether Python source reads an environment variable by name, the ways a Streamlit app
/// does: `os.environ.get("NAME")` (or `.setdefault`, `.pop`), `os.getenv("NAME")`,
/// `os.environ["NAME"]`, with single or double quotes and any spaces between the parts
/// (https://docs.python.org/3/library/os.html#os.environ).
///
/// A byte scan, not a regular expression: the rule runs on every report, and compiling
/// one ICU expression cost more than scanning the app's sources.
enum PythonEnvironmentRead {
  static func reads(_ name: String, in text: String) -> Bool {
    let bytes = Array(text.utf8)
    let target = Array(name.utf8)
    guard !target.isEmpty, bytes.count >= target.count + 2 else { return false }
    var quote = 0
    while quote + target.count + 1 < bytes.count {
      let mark = bytes[quote]
      if mark == UInt8(ascii: "\"") || mark == UInt8(ascii: "'"),
        bytes[quote + target.count + 1] == mark,
        bytes[(quote + 1)...(quote + target.count)].elementsEqual(target),
        isRead(openingBefore: quote, in: bytes)
      {
        return true
      }
      quote += 1
    }
    return false
  }

  /// Whether the text before the quote at `quote` is `environ[`, `getenv(` or
  /// `environ.get(` (`setdefault`, `pop`), spaces allowed between the parts.
  private static func isRead(openingBefore quote: Int, in bytes: [UInt8]) -> Bool {
    var end = skipSpaces(before: quote, in: bytes)
    guard end > 0 else { return false }
    let opening = bytes[end - 1]
    end = skipSpaces(before: end - 1, in: bytes)
    if opening == UInt8(ascii: "[") { return ends(bytes, at: end, with: "environ") }
    guard opening == UInt8(ascii: "(") else { return false }
    if ends(bytes, at: end, with: "getenv") { return true }
    for method in ["get", "setdefault", "pop"] where ends(bytes, at: end, with: method) {
      let dot = skipSpaces(before: end - method.utf8.count, in: bytes)
      guard dot > 0, bytes[dot - 1] == UInt8(ascii: ".") else { continue }
      if ends(bytes, at: skipSpaces(before: dot - 1, in: bytes), with: "environ") { return true }
    }
    return false
  }

  /// The index just past the last non-space byte before `index`.
  private static func skipSpaces(before index: Int, in bytes: [UInt8]) -> Int {
    var index = index
    while index > 0, [9, 10, 11, 12, 13, 32].contains(bytes[index - 1]) { index -= 1 }
    return index
  }

  /// Whether `bytes[..<end]` ends with `word`.
  private static func ends(_ bytes: [UInt8], at end: Int, with word: String) -> Bool {
    let word = Array(word.utf8)
    return end >= word.count && bytes[(end - word.count)..<end].elementsEqual(word)
  }
}
