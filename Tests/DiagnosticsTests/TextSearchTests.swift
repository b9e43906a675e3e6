import Diagnostics
import Foundation
import Testing

/// `containsText` and `rangeOfText` agree with Foundation's `contains` and `range(of:)` on
/// the needles the rules search for, and give ranges that slice the text.
@Suite struct TextSearchTests {
  static let cases: [(String, String)] = [
    ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", ".dkr.ecr."),
    ("aws cloudformation describe-stacks --query 'Stacks[0].Outputs[?OutputKey==`Url`]'", "OutputKey"),
    ("AWS::IAM::Role#Policy", "#"),
    ("AWS::IAM::Role", "#"),
    ("", "x"),
    ("x", ""),
    ("ab", "abc"),
    ("aab", "ab"),
    ("ababac", "abac"),
    ("naïve café ☕ $HOME", "$HOME"),
    ("naïve café ☕", "☕"),
    ("line one\r\nline two", "\n"),
    ("arn:aws:iam::aws:policy/ReadOnlyAccess", ":iam::aws:policy/"),
  ]

  @Test(arguments: cases) func agreesWithFoundation(text: String, needle: String) {
    #expect(text.containsText(needle) == (needle.isEmpty || text.contains(needle)))
    let mine = text.rangeOfText(needle)
    if needle.isEmpty {
      #expect(mine == text.startIndex..<text.startIndex)
    } else {
      let theirs = text.range(of: needle)
      #expect(mine.map { text[$0] } == theirs.map { text[$0] })
      #expect(mine.map { text.distance(from: text.startIndex, to: $0.lowerBound) } == theirs.map { text.distance(from: text.startIndex, to: $0.lowerBound) })
    }
  }

  @Test func substringsSearchTheirOwnBytesOnly() throws {
    let text = "OutputKey=A OutputKey=B"
    let rest = text[text.index(text.startIndex, offsetBy: 1)...]
    let range = try #require(rest.rangeOfText("OutputKey"))
    #expect(rest[range.upperBound...] == "=B")
    #expect(!text[..<text.index(text.startIndex, offsetBy: 8)].containsText("OutputKey"))
  }

  /// Bytes, not canonical equivalence: U+0301 after `e` still contains `e`.
  @Test func comparesBytes() {
    #expect("caf\u{65}\u{301}".containsText("e"))
    #expect(!"café".containsText("e\u{301}"))
  }
}
