import Diagnostics
import Testing

/// The byte check before `TerminalSafe`'s scalar scan never misses a scalar the scan would
/// escape, and passes the text that has none.
@Suite struct UnsafeScalarsTests {
  static func escapedSomewhere(_ scalar: Unicode.Scalar, lineFeedIsSafe: Bool) -> Bool {
    UnsafeScalars.isUnsafe(scalar) || (!lineFeedIsSafe && UnsafeScalars.isLineBreak(scalar)) || scalar == "\u{2028}" || scalar == "\u{2029}"
  }

  /// Every scalar, alone and between other text, with line feeds safe and not.
  @Test(arguments: [true, false]) func noEscapedScalarIsMissed(lineFeedIsSafe: Bool) {
    var missed: [UInt32] = []
    var flaggedSafe: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = "a" + String(scalar) + "b"
      let flagged = UnsafeScalars.mayContainUnsafeOrLineBreak(text, lineFeedIsSafe: lineFeedIsSafe)
      if Self.escapedSomewhere(scalar, lineFeedIsSafe: lineFeedIsSafe) {
        if !flagged || !UnsafeScalars.mayContainUnsafeOrLineBreak(String(scalar), lineFeedIsSafe: lineFeedIsSafe) { missed.append(value) }
      } else if flagged {
        flaggedSafe.append(value)
      }
    }
    #expect(missed.isEmpty, "missed: \(missed.prefix(10).map { String($0, radix: 16) })")
    // Exact, too: no safe scalar is flagged, so safe text skips the scalar scan.
    #expect(flaggedSafe.isEmpty, "flagged: \(flaggedSafe.prefix(10).map { String($0, radix: 16) })")
  }

  @Test func substringsAndLongText() {
    let text = String(repeating: "plain text — with an em dash, ", count: 100)
    #expect(!UnsafeScalars.mayContainUnsafeOrLineBreak(text, lineFeedIsSafe: true))
    #expect(UnsafeScalars.mayContainUnsafeOrLineBreak(text + "\u{1B}[8m", lineFeedIsSafe: true))
    #expect(!UnsafeScalars.mayContainUnsafeOrLineBreak(text.dropLast(3), lineFeedIsSafe: false))
    #expect(UnsafeScalars.mayContainUnsafeOrLineBreak("x\n"[...], lineFeedIsSafe: false))
    #expect(!UnsafeScalars.mayContainUnsafeOrLineBreak("x\n\t"[...], lineFeedIsSafe: true))
  }
}
