import Testing

@testable import ShellScriptModel

/// `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}`: the prefix or suffix a pattern removes, found
/// in one pass over the value (Bash Reference Manual, 3.5.3 "Shell Parameter Expansion").
@Suite struct AffixMatchTests {
  static func pattern(_ text: String) -> GlobPattern { GlobPattern(segments: [(text, true)])! }

  /// What trying every prefix (suffix) with the whole-text matcher gives, shortest first.
  static func bruteForce(_ pattern: GlobPattern, _ text: String, suffix: Bool, longest: Bool) -> GlobPattern.AffixMatch {
    let characters = Array(text)
    let lengths = longest ? Array((0...characters.count).reversed()) : Array(0...characters.count)
    for length in lengths {
      let part = suffix ? characters[(characters.count - length)...] : characters[..<length]
      if pattern.matches(String(part)) == true { return .length(length) }
    }
    return .noMatch
  }

  @Test func agreesWithTryingEveryPrefixAndSuffix() {
    var generator = RobustnessTests.Generator(state: 2026)
    let atoms = ["a", "b", "*", "?", "[ab]", "[!a]", "\\*", "."]
    let letters: [Character] = ["a", "b", ".", "*"]
    var compared = 0
    for _ in 0..<3_000 {
      let source = (0..<Int(generator.next() % 6)).map { _ in generator.pick(atoms) }.joined()
      let text = String((0..<Int(generator.next() % 9)).map { _ in generator.pick(letters) })
      let pattern = Self.pattern(source)
      for suffix in [false, true] {
        for longest in [false, true] {
          let found = suffix ? pattern.suffixMatch(in: text, longest: longest) : pattern.prefixMatch(in: text, longest: longest)
          #expect(found == Self.bruteForce(pattern, text, suffix: suffix, longest: longest), "\(source) on \(text), suffix \(suffix), longest \(longest)")
          compared += 1
        }
      }
    }
    #expect(compared == 12_000)
  }

  @Test func knownCases() {
    #expect(Self.pattern("*/").prefixMatch(in: "a/b/c", longest: true) == .length(4))
    #expect(Self.pattern("*/").prefixMatch(in: "a/b/c", longest: false) == .length(2))
    #expect(Self.pattern(".*").suffixMatch(in: "c.tar.gz", longest: true) == .length(7))
    #expect(Self.pattern(".*").suffixMatch(in: "c.tar.gz", longest: false) == .length(3))
    #expect(Self.pattern("x").suffixMatch(in: "abc", longest: true) == .noMatch)
    #expect(Self.pattern("*").prefixMatch(in: "abc", longest: false) == .length(0))
  }

  /// A long value is one pass, not one match per length (a 30,000-character value took
  /// over a minute); past the step bound the result is undecided, never a guess.
  @Test func longValuesAreOnePassAndBounded() throws {
    let value = String(repeating: "a", count: 30_000) + "b"
    #expect(Self.pattern("b").suffixMatch(in: value, longest: true) == .length(1))
    #expect(Self.pattern("a*").suffixMatch(in: value, longest: true) == .length(30_001))
    let wide = Self.pattern(String(repeating: "*a", count: 1_000))
    #expect(wide.suffixMatch(in: value, longest: true) == .undecided)

    let script = try parse("Y=\(value)\necho \"${Y%%b}\" \"${Y%%\(String(repeating: "*a", count: 1_000))}\"")
    let echo = try #require(script.evaluate(Environment(unlistedVariablesAreUnset: true)).commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal == String(repeating: "a", count: 30_000))
    #expect(echo.resolvedArguments[1].isSymbolic)
  }
}

extension GlobPattern {
  /// The matches with a budget that never runs out: what the walk gets while its string
  /// operations are within `Evaluator.textWorkLimit`.
  func prefixMatch(in text: String, longest: Bool) -> AffixMatch {
    var budget = Int.max
    return prefixMatch(in: text, longest: longest, budget: &budget)
  }

  func suffixMatch(in text: String, longest: Bool) -> AffixMatch {
    var budget = Int.max
    return suffixMatch(in: text, longest: longest, budget: &budget)
  }

  func matches(_ text: String) -> Bool? {
    var budget = Int.max
    return matches(text, budget: &budget)
  }
}
