import Testing

@testable import ShellScriptModel

/// The walk's bounds on what it keeps: words recorded inside inlined calls
/// (`Evaluator.inlineWordBudget`) and known text of recorded values
/// (`Evaluator.recordedTextBudget`). A short script can otherwise make the walk record
/// gigabytes: a function of many words called many times, or lines that each build a
/// large value anew.
@Suite struct WalkBudgetTests {
  /// A function of 100,000 words is inlined while the walk has recorded fewer than
  /// 400,000 words in calls: four calls, and the fifth is where the walk is cut.
  @Test func callsPastTheWordBudgetAreNotInlined() throws {
    let words = 100_000
    let calls = 6
    let source = "f() {\n  echo" + String(repeating: " a", count: words - 1) + "\n}\n" + String(repeating: "f\n", count: calls)
    let execution = try parse(source).execution
    let inlined = Evaluator.inlineWordBudget / words
    #expect(execution.commands(named: "echo").count == inlined)
    #expect(execution.isTruncated)
    // Line 1 to 3 define f; the calls are lines 4, 5, ...
    #expect(execution.truncationLocation?.line == 4 + inlined)
  }

  /// Words read inside calls count whatever reads them: a `for` list, `[[ ]]` operands and
  /// `case` words of 100,000 words, in a function called 1,000 times, stop the inlining
  /// before the sixth call (1,000 calls had meant 10^8 word readings).
  /// The bodies by construct (named in the test arguments, so the test log does not print
  /// 200 KB of each).
  static let longBodies: [String: String] = [
    "for": "for x in" + String(repeating: " a", count: 100_000) + "; do :; done",
    "[[": "[[" + String(repeating: " -n a &&", count: 50_000) + " -n a ]]",
    "case": "case $1 in" + String(repeating: " a|", count: 100_000) + "b) :;; esac",
  ]

  @Test(arguments: ["for", "[[", "case"])
  func wordsReadOutsideCommandsCount(construct: String) throws {
    let body = try #require(Self.longBodies[construct])
    let source = "f() {\n  " + body + "\n}\n" + String(repeating: "f\n", count: 1_000)
    let execution = try parse(source).evaluate(Environment(arguments: ["prod"]))
    #expect(execution.isTruncated)
    #expect((execution.truncationLocation?.line ?? .max) <= 4 + 5)
  }

  /// The same function called fewer times is read whole.
  @Test func callsWithinTheWordBudgetAreInlined() throws {
    let source = "f() {\n  echo" + String(repeating: " a", count: 99_999) + "\n}\nf\nf\nf\n"
    let execution = try parse(source).execution
    #expect(execution.commands(named: "echo").count == 3)
    #expect(!execution.isTruncated)
  }

  /// Lines that each build a 32 KiB value: those recorded before 16 MiB of known text keep
  /// their value; past it, a large value is unknown (the word as written) while a short
  /// one is still known.
  @Test func largeValuesPastTheTextBudgetAreUnknown() throws {
    var source = "B=0123456789abcdef\n" + String(repeating: "B=$B$B\n", count: 11)  // 16 << 11 = 32 KiB
    let lines = 600  // 16 MiB hold 511 values of 32,769 bytes and B's doublings
    for index in 0..<lines { source += "x\(index)=\"x$B\"\n" }
    source += "echo \"$x0\" \"$x\(lines - 1)\" short\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    let values = echo.resolvedArguments
    #expect(values[0].literal?.utf8.count == 32_769)
    #expect(values[1].literal == nil)
    #expect(values[1].symbols.first?.kind == .unsupported)
    #expect(values[1].symbols.first?.expression == "\"x$B\"")
    #expect(values[2].literal == "short")
  }

  /// A word that only names a variable shares its text and is not counted: 300 lines
  /// `xN="$B"` keep every value known.
  @Test func plainReferencesAreNotCounted() throws {
    var source = "B=0123456789abcdef\n" + String(repeating: "B=$B$B\n", count: 12)
    for index in 0..<300 { source += "x\(index)=\"$B\"\n" }
    source += "echo \"$x299\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal?.utf8.count == 65_536)
  }

  /// `X="${X//a/$X}"` squares X's length: from `aaaa`, three lines make 65,536 bytes (kept),
  /// the fourth would make 2^32 and is refused before it is built (it was an allocation
  /// abort).
  @Test(arguments: [(3, 65_536), (4, nil as Int?)])
  func aSquaringReplacementIsRefusedBeforeItIsBuilt(lines: Int, length: Int?) throws {
    let source = "X=aaaa\n" + String(repeating: "X=\"${X//a/$X}\"\n", count: lines) + "echo \"$X\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal?.utf8.count == length)
  }

  /// Adjacent known pieces merge into one, in order, however many there are.
  @Test func literalRunsMergeInOrder() {
    let symbol = Symbol(kind: .parameter("P"), expression: "$P")
    let word = ResolvedWord(pieces: [.literal("a"), .literal(""), .literal("b"), .symbol(symbol), .literal("c"), .literal("d"), .literal("e")])
    #expect(word.pieces == [.literal("ab"), .symbol(symbol), .literal("cde")])
    let many = ResolvedWord(pieces: Array(repeating: .literal("xy"), count: 10_000))
    #expect(many.literal == String(repeating: "xy", count: 10_000))
  }

  /// One pattern match that backtracks at every character (`*aaa…ab` from a variable,
  /// against 65,000 `a`) is cut by the walk's text steps and left undecided: both `case`
  /// items may run. It took minutes. The same match on a short value is decided.
  @Test(arguments: [(65_000, ["matched", "other"]), (100, ["other"])])
  func aBacktrackingMatchIsBounded(length: Int, echoed: [String]) throws {
    let pattern = "*" + String(repeating: "a", count: 30_000) + "b"
    let source = "B=\(String(repeating: "a", count: length))\nP='\(pattern)'\ncase $B in $P) echo matched ;; *) echo other ;; esac\n"
    let echoes = try parse(source).execution.commands(named: "echo")
    #expect(echoes.compactMap { $0.resolvedArguments.first?.literal } == echoed)
  }

  /// The text steps are the walk's, not each line's: `${#B}` of a 65,000-byte value on 1,000
  /// lines is known while the steps last (516 lines) and unknown after, not a guess.
  @Test func stringOperationsShareTheWalksSteps() throws {
    var source = "B=\(String(repeating: "a", count: 65_000))\n"
    for index in 0..<1_000 { source += "n\(index)=${#B}\n" }
    source += "echo \"$n0\" \"$n515\" \"$n516\" \"$n999\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    let values = echo.resolvedArguments
    #expect(Evaluator.textWorkLimit / 65_000 == 516)
    #expect(values[0].literal == "65000")
    #expect(values[1].literal == "65000")
    #expect(values[2].literal == nil)
    #expect(values[3].symbols.first?.expression == "${#B}")
  }

  /// Field splitting counts too: `for w in $B` over 32,000 words costs the text and 32 steps
  /// a field, so 30 such loops split `B` and the rest loop over one unknown value (1,000
  /// of them took 18 s).
  @Test func fieldSplittingSpendsTheWalksSteps() throws {
    var source = "B='" + String(repeating: "a ", count: 32_000) + "'\n"
    for index in 0..<100 { source += "for w in $B; do v\(index)=$w; done\n" }
    source += "echo \"$v0\" \"$v29\" \"$v30\" \"$v99\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    let values = echo.resolvedArguments
    #expect(Evaluator.textWorkLimit / (64_000 + 32 * 32_000) == 30)
    #expect(values[0].literal == "a")
    #expect(values[1].literal == "a")
    #expect(values[2].literal == nil)
    #expect(values[3].literal == nil)
  }

  /// A word is built with at most 1 MiB of known text: ten references to a 64 KiB value
  /// make a known word, twenty an unknown one (20,000 had built 1.3 GB; a here-document of
  /// 20,000 such lines too, which RESULTS measures).
  @Test(arguments: [(10, true), (20, false)])
  func aWordPastItsBytesIsUnknown(references: Int, known: Bool) throws {
    let value = "B='" + String(repeating: "a", count: 65_536) + "'\n"
    let word = String(repeating: "$B", count: references)
    let echo = try #require(try parse(value + "echo \"\(word)\"\n").commands(named: "echo").first)
    #expect((echo.resolvedArguments[0].literal?.utf8.count == references * 65_536) == known)
    #expect((echo.resolvedArguments[0].literal == nil) == !known)
  }

  /// `set -- "$@" "$@"` doubles the positional parameters: 8,192 are kept, 16,384 are
  /// past `maximumPositionalParameters` and `$#` is unknown (40 such lines ran past a
  /// minute and 8 GB).
  @Test(arguments: [(13, "8192" as String?), (14, nil)])
  func positionalParametersPastTheLimitAreUnknown(doublings: Int, count: String?) throws {
    let source = "set -- a\n" + String(repeating: "set -- \"$@\" \"$@\"\n", count: doublings) + "echo \"$#\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].literal == count)
  }

  /// `printf -v` with more than 64 KiB of argument text leaves the variable unknown,
  /// unformatted; within it the value is formatted.
  @Test(arguments: [(2, true), (3, false)])
  func printfVPastTheValueBytesIsUnknown(arguments: Int, known: Bool) throws {
    let source = "B=" + String(repeating: "a", count: 30_000) + "\nprintf -v Y '%s' " + String(repeating: "\"$B\" ", count: arguments) + "\necho \"$Y\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect((echo.resolvedArguments[0].literal?.utf8.count == 30_000 * arguments) == known)
    #expect((echo.resolvedArguments[0].literal == nil) == !known)
  }

  /// Joining an array or the positional parameters counts its text: 20 elements of 64 KiB
  /// (1.3 MiB) join to an unknown value; 10 to a known one, until the steps run out (256
  /// elements referenced 20,000 times ran past a minute).
  @Test(arguments: [(10, true), (20, false)])
  func joiningCountsItsText(elements: Int, known: Bool) throws {
    let source = "B='" + String(repeating: "a", count: 65_536) + "'\na=(" + String(repeating: "\"$B\" ", count: elements) + ")\necho \"${a[*]}\"\n"
    let echo = try #require(try parse(source).commands(named: "echo").first)
    #expect((echo.resolvedArguments[0].literal != nil) == known)
    var many = "B='" + String(repeating: "a", count: 65_536) + "'\na=(" + String(repeating: "\"$B\" ", count: 10) + ")\n"
    many += String(repeating: "x=\"${a[*]}\"\n", count: 60) + "echo \"$x\"\n"
    let last = try #require(try parse(many).commands(named: "echo").first)
    #expect(last.resolvedArguments[0].literal == nil)
  }

  /// Walks of one run (one per config env) share their bounds from three walks on: each
  /// gets an equal part of what two would get.
  @Test func walksOfARunShareTheirBounds() {
    #expect(Evaluator.share(Evaluator.walkRecordBudget, walks: 1) == 400_000)
    #expect(Evaluator.share(Evaluator.walkRecordBudget, walks: 2) == 400_000)
    #expect(Evaluator.share(Evaluator.walkRecordBudget, walks: 64) == 12_500)
    #expect(Evaluator.share(Evaluator.textWorkLimit, walks: 64) == Evaluator.textWorkLimit / 32)
  }

  /// A 20,000-line script walked for two envs is read whole; as one of 64 walks it stops
  /// at its 12,501st statement, truncated (it had kept 4.4 GB for 50,000 lines and 64 envs).
  @Test(arguments: [(2, nil as Int?), (64, 12_501)])
  func aLongScriptSharedByManyWalksIsTruncated(walks: Int, truncatedAtLine: Int?) throws {
    let script = try parse(String(repeating: "echo a\n", count: 20_000))
    let evaluation = script.evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true), sharedBy: walks)
    #expect(evaluation.isTruncated == (truncatedAtLine != nil))
    #expect(evaluation.truncationLocation?.line == truncatedAtLine)
    #expect(evaluation.commands(named: "echo").count == (truncatedAtLine.map { $0 - 1 } ?? 20_000))
  }
}
