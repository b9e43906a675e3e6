/// How many terminal columns text takes once printed by `vibe-rules` (its unsafe scalars
/// escaped, `UnsafeScalars`), for aligning and wrapping the table. An estimate in the
/// manner of POSIX `wcswidth`, without the C library's locale tables:
///
/// - an unsafe scalar takes the columns of its escape as the table prints it, `\u{XX}`
///   (`UnsafeScalars.swiftEscape`);
/// - a tab takes 8 (the most it can: a terminal moves to the next multiple of 8);
/// - a Character whose first scalar is East Asian Wide or Fullwidth (Unicode Standard
///   Annex #11, https://www.unicode.org/reports/tr11/: CJK ideographs, kana, Hangul,
///   fullwidth forms) or shown as an emoji (`Emoji_Presentation`, or a text emoji followed
///   by U+FE0F, Unicode Technical Standard #51) takes 2;
/// - any other Character takes 1: its combining marks and joiners take none.
///
/// The wide ranges follow the W and F ranges of Unicode 15's EastAsianWidth.txt by whole
/// blocks, so an unassigned code point inside them counts 2; a terminal with older tables
/// may show a newer character narrower.
public enum TerminalColumns {
  /// The columns `text` takes.
  public static func of(_ text: String) -> Int {
    printableASCIICount(text.utf8) ?? text.reduce(0) { $0 + of($1) }
  }

  /// The columns `text` takes.
  public static func of(_ text: Substring) -> Int {
    printableASCIICount(text.utf8) ?? text.reduce(0) { $0 + of($1) }
  }

  /// The byte count when every byte is printable ASCII (one column a byte, the usual
  /// case), read off the contiguous bytes; nil otherwise. (A generic reading of the bytes
  /// had cost 2 M instructions on this repository's table.)
  private static func printableASCIICount(_ bytes: some Collection<UInt8>) -> Int? {
    let count = bytes.withContiguousStorageIfAvailable { buffer -> Int? in
      for byte in buffer where byte < 0x20 || byte >= 0x7F { return nil }
      return buffer.count
    }
    if let count { return count }
    return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? bytes.count : nil
  }

  /// The columns `character` takes.
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    var escapes = 0
    for scalar in scalars where UnsafeScalars.isUnsafe(scalar) {
      escapes += UnsafeScalars.swiftEscape(scalar).count
    }
    if UnsafeScalars.isUnsafe(first) { return escapes }
    if first == "\t" { return 8 + escapes }
    let emoji = first.properties.isEmojiPresentation || (first.properties.isEmoji && scalars.contains("\u{FE0F}"))
    return (emoji || isWide(first) ? 2 : 1) + escapes
  }

  /// Whether `scalar` is East Asian Wide or Fullwidth (emoji aside).
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F,  // Hangul Jamo initial consonants
      0x2329...0x232A,  // angle brackets
      0x2E80...0x303E,  // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation
      0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK, CJK compatibility
      0x3400...0x4DFF,  // CJK Unified Ideographs Extension A, Yijing hexagram symbols
      0x4E00...0x9FFF,  // CJK Unified Ideographs
      0xA000...0xA4CF,  // Yi syllables and radicals
      0xA960...0xA97F,  // Hangul Jamo Extended-A
      0xAC00...0xD7A3,  // Hangul syllables
      0xF900...0xFAFF,  // CJK compatibility ideographs
      0xFE10...0xFE19,  // vertical forms
      0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
      0xFF00...0xFF60,  // fullwidth forms
      0xFFE0...0xFFE6,  // fullwidth signs
      0x16FE0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08,  // ideographic symbols, Tangut, Khitan
      0x1AFF0...0x1B2FF,  // Kana supplements and extensions, Nüshu
      0x1F200...0x1F2FF,  // enclosed ideographic supplement
      0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK Unified Ideographs Extensions B onwards
      true
    default:
      false
    }
  }
}
