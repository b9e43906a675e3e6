import Diagnostics
import Testing
@testable import DockerfileModel

/// Runs of `.dockerignore` wildcards are reduced to at most two automaton tokens
/// (`PathPattern.appendWildcard`); the reduced pattern must match exactly the paths the
/// written one does. Checked exhaustively: every token sequence of up to five wildcards
/// with literals around them, against every path of up to six characters over `a`, `b`
/// and `/`.
@Suite struct WildcardRunTests {
  static let wildcards: [PathPattern.Token] = [.anyDirectories, .starButSlash]

  static func sequences(length: Int) -> [[PathPattern.Token]] {
    guard length > 0 else { return [[]] }
    return sequences(length: length - 1).flatMap { prefix in wildcards.map { prefix + [$0] } }
  }

  static let paths: [String] = {
    var all = [""]
    var frontier = [""]
    for _ in 0..<6 {
      frontier = frontier.flatMap { path in ["a", "b", "/"].map { path + $0 } }
      all += frontier
    }
    return all
  }()

  @Test(arguments: 1...5)
  func reducedRunsMatchTheSamePaths(length: Int) {
    for run in Self.sequences(length: length) {
      for (before, after) in [([], []), ([PathPattern.Token.literal("a")], [PathPattern.Token.literal("b")]), ([], [.literal("/"), .literal("b")])] {
        let written = before + run + after
        var reduced = before
        for token in run { PathPattern.appendWildcard(token, to: &reduced) }
        reduced += after
        #expect(reduced.count <= before.count + 2 + after.count)
        let original = PathPattern(tokens: written), simplified = PathPattern(tokens: reduced)
        let differing = Self.paths.filter { original.matches($0) != simplified.matches($0) }
        #expect(differing.isEmpty, "\(written) vs \(reduced): \(differing.prefix(5))")
      }
    }
  }

  /// A trailing `**` (`.*`) absorbs the run before it.
  @Test func anythingAbsorbsTheRun() {
    var tokens: [PathPattern.Token] = [.literal("a")]
    for token in [PathPattern.Token.starButSlash, .anyDirectories, .anything] { PathPattern.appendWildcard(token, to: &tokens) }
    #expect(tokens == [.literal("a"), .anything])
  }

  /// A run of stars as long as a line Docker reads (65,535 bytes; a megabyte-long one is
  /// refused at its line) compiles to a few states and matches like its reduced form: an
  /// even run is `**` repeated, `(.*/)?`, so `x` must follow a `/`; an odd run ends in `*`
  /// as well, so `x` may follow any non-slash run.
  @Test func aLineLongStarRunIsAFewStates() throws {
    let even = try DockerIgnore.parse(Diagnostics.SourceText(file: ".dockerignore", text: String(repeating: "*", count: 65_532) + "x\n"))
    #expect(even.match(path: "a/b/x").excluded)
    #expect(!even.match(path: "a/b/cx").excluded)
    let odd = try DockerIgnore.parse(Diagnostics.SourceText(file: ".dockerignore", text: String(repeating: "*", count: 65_533) + "x\n"))
    #expect(odd.match(path: "a/b/cx").excluded)
    #expect(!odd.match(path: "a/b/c").excluded)
  }
}
