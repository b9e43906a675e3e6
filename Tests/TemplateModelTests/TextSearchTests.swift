import TemplateModel
import Foundation
import Testing

/// `containsText` and `rangeOfText` find what Foundation's `contains` and `range(of:)`
/// find: by bytes on ASCII text, by Foundation on any other.
@Suite struct TextSearchTests {
  static let cases: [(String, String)] = [
    ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", ".dkr.ecr."),
    ("aws cloudformation describe-stacks --query 'Stacks[0].Outputs[?OutputKey==`Url`]'", "OutputKey"),
    ("AWS::IAM::Role#Policy", "#"),
    ("AWS::IAM::Role", "#"),
    ("", "x"),
    ("x", ""),
    ("", ""),
    ("ab", "abc"),
    ("aab", "ab"),
    ("ababac", "abac"),
    ("naïve café ☕ $HOME", "$HOME"),
    ("naïve café ☕", "☕"),
    ("line one\r\nline two", "\n"),
    ("line one\r\nline two", "\r"),
    ("arn:aws:iam::aws:policy/ReadOnlyAccess", ":iam::aws:policy/"),
    // A combining mark after the match, a prepended mark before it, another spelling of
    // the same character: Foundation decides.
    ("e\u{301}", "e"),
    ("x.dkr.ecr.\u{301}y", ".dkr.ecr."),
    ("APP_VERSION=\u{301}x", "="),
    ("X\u{600}=1", "="),
    ("caf\u{E9}", "e\u{301}"),
    ("cafe\u{301}", "\u{E9}"),
    ("\u{212A}elvin", "K"),
    ("a;b\u{37E}", "\u{37E}"),
  ]

  static func offsets(_ text: String, _ range: Range<String.Index>?) -> Range<Int>? {
    range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound) }
  }

  @Test(arguments: cases) func agreesWithFoundation(text: String, needle: String) {
    #expect(text.containsText(needle) == text.contains(needle))
    #expect(Self.offsets(text, text.rangeOfText(needle)) == Self.offsets(text, text.range(of: needle)))
    let sub = text[...]
    #expect(sub.containsText(needle) == sub.contains(needle))
  }

  /// Every text of up to 7 and needle of up to 3 of the ASCII characters that could pair up
  /// (CR LF is one Character) or repeat: the byte search finds what Foundation finds.
  @Test func asciiAgreesWithFoundationExhaustively() {
    let alphabet: [Character] = ["a", "=", "\r", "\n"]
    func all(upTo length: Int) -> [String] {
      var result = [""]
      var level = [""]
      for _ in 0..<length {
        level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
        result += level
      }
      return result
    }
    let needles = all(upTo: 3)
    var disagreements: [String] = []
    for text in all(upTo: 7) {
      for needle in needles where text.containsText(needle) != text.contains(needle)
        || Self.offsets(text, text.rangeOfText(needle)) != Self.offsets(text, text.range(of: needle))
      {
        disagreements.append("\(text.debugDescription) / \(needle.debugDescription)")
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(5))")
  }

  @Test func substringsSearchTheirOwnBytesOnly() throws {
    let text = "OutputKey=A OutputKey=B"
    let rest = text[text.index(text.startIndex, offsetBy: 1)...]
    let range = try #require(rest.rangeOfText("OutputKey"))
    #expect(rest[range.upperBound...] == "=B")
    #expect(!text[..<text.index(text.startIndex, offsetBy: 8)].containsText("OutputKey"))
  }
}
