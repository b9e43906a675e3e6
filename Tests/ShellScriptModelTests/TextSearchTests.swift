import Testing

@testable import ShellScriptModel

/// `${X//p/r}`, `${X/p/r}`, `${X:o:l}` and `${#X}` on text: occurrences found in one pass
/// over UTF-8 bytes, and characters counted as bash counts them in a UTF-8 locale (code
/// points), checked against bash 5.2 (`LC_ALL=C.UTF-8`).
@Suite struct TextSearchTests {
  /// The non-overlapping occurrences, left to right, by trying every position.
  static func naive(_ search: [UInt8], _ text: [UInt8]) -> [Int] {
    guard !search.isEmpty else { return [] }
    var found: [Int] = []
    var position = 0
    while position + search.count <= text.count {
      if Array(text[position..<(position + search.count)]) == search {
        found.append(position)
        position += search.count
      } else {
        position += 1
      }
    }
    return found
  }

  @Test func agreesWithTryingEveryPosition() {
    var generator = RobustnessTests.Generator(state: 1201)
    let letters: [UInt8] = Array("aab".utf8)
    for _ in 0..<5_000 {
      let search = (0..<Int(generator.next() % 5)).map { _ in generator.pick(letters) }
      let text = (0..<Int(generator.next() % 14)).map { _ in generator.pick(letters) }
      #expect(String.occurrences(of: search, in: text, limit: .max) == Self.naive(search, text), "\(search) in \(text)")
    }
  }

  /// `aaa…ab` in `aaa…a` is one pass, not a comparison per position.
  @Test func aSearchThatNearlyMatchesEverywhereIsLinear() {
    let text = Array(repeating: UInt8(ascii: "a"), count: 65_536)
    let search = Array(repeating: UInt8(ascii: "a"), count: 30_000) + [UInt8(ascii: "b")]
    #expect(String.occurrences(of: search, in: text, limit: .max).isEmpty)
    #expect(String.occurrences(of: Array("aa".utf8), in: text, limit: 3) == [0, 2, 4])
  }

  @Test(arguments: [
    ("X='e\u{301}x'; echo \"${X//e/E}\"", "E\u{301}x"),
    ("X='e\u{301}x'; echo \"${X/\u{301}/}\"", "ex"),
    ("X='e\u{301}x'; echo \"${X:0:1}\"", "e"),
    ("X='e\u{301}x'; echo \"${X:1:1}\"", "\u{301}"),
    ("X='e\u{301}x'; echo \"${#X}\"", "3"),
    ("X='ab\u{1F600}c'; echo \"${X:2:1}\" \"${#X}\"", "\u{1F600}"),
    ("X=aaaa; echo \"${X//aa/b}\" \"${X/a/}\"", "bb"),
    ("X='e\u{301}'; echo \"${X#?}\"", "\u{301}"),
    ("X='e\u{301}'; [[ $X == ?? ]] && echo two || echo other", "two"),
    ("X='e\u{301}'; case $X in ?) echo one ;; *) echo other ;; esac", "other"),
    ("Y=abc; echo \"${Y%%[[:alpha:]]}\"", "ab"),
    ("X=ab; echo \"${X/#/p}\"", "pab"),
    ("X=ab; echo \"${X/%/s}\"", "abs"),
  ])
  func codePointsAsBashCountsThem(source: String, first: String) throws {
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect(echo.resolvedArguments.first?.literal == first)
  }

  /// bash 5.2 replaces `&` in a replacement by the match (`${B//b/&&}` of abc is abbc):
  /// such a replacement is left unknown, not read as the literal `&&`.
  @Test func anAmpersandInTheReplacementIsNotGuessed() throws {
    let echo = try #require(try parse("B=abc; echo \"${B//b/&&}\" \"${B//b/x}\"").commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal == nil)
    #expect(echo.resolvedArguments[1].literal == "axc")
  }
}
