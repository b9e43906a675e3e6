/// Input text quoted in a finding or note, cut to a readable length: a parameter value or
/// pattern can be megabytes long (a YAML alias reuses one in every parameter, for every
/// config env), and a report that quoted each whole once grew to 760 MB of JSON and
/// exhausted memory.
public enum QuotedText {
  /// The most UTF-8 bytes of quoted input a message keeps.
  public static let maximumBytes = 200

  /// `text` whole when it is at most `limit` UTF-8 bytes; else its first characters
  /// within that many bytes and `… (N more bytes)`. O(1) for text that fits (native
  /// strings know their UTF-8 length).
  public static func abbreviated(_ text: some StringProtocol, limit: Int = maximumBytes) -> String {
    let bytes = text.utf8.count
    guard bytes > limit else { return String(text) }
    var kept = 0
    var end = text.startIndex
    for character in text {
      let size = character.utf8.count
      if kept + size > limit { break }
      kept += size
      end = text.index(after: end)
    }
    return String(text[..<end]) + "… (\(bytes - kept) more bytes)"
  }
}
