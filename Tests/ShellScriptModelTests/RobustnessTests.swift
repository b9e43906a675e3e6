import Diagnostics
import Testing

@testable import ShellScriptModel

/// Whatever the input, parsing ends with a script or one located `InputError`.
@Suite struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  }

  static let fragments = [
    "if ", "then ", "elif ", "else ", "fi", "while ", "until ", "do ", "done", "for x in a b; ", "case $1 in ", "a) ", ";; ",
    "esac", "{ ", " }", "(", ")", "$(", "`", "\"", "'", "${", "}", "$((", "))", "[[ ", " ]]", "<<EOF\n", "EOF\n", "<<-X\n",
    "\tX\n", "|", "||", "&&", "&", ";", "\n", " ", "echo ", "X=", "$X", "${X:-d}", "\\", "#c\n", "f() ", "function g ",
    "local ", "set -e\n", "$'", "<(", ">(", "2>&1 ", "arr=(", "!(", "$?", "exit 1\n", "return\n", "f\n", "g\n", "=~ ",
  ]

  @Test(arguments: 0..<8)
  func randomFragmentsNeverCrash(seed: Int) {
    var generator = Generator(state: UInt64(seed) &* 7919 &+ 17)
    var parsed = 0
    var failed = 0
    for _ in 0..<300 {
      var text = ""
      for _ in 0..<Int(generator.next() % 40) { text += generator.pick(Self.fragments) }
      do {
        let script = try ShellScript.parse(SourceText(file: "fuzz.sh", text: text))
        _ = script.evaluate(Environment(arguments: ["prod"]))
        _ = script.walkInSourceOrder()
        parsed += 1
      } catch {
        #expect(error.location?.file == "fuzz.sh")
        #expect(error.location.map { $0.line >= 1 && $0.column >= 1 } == true)
        failed += 1
      }
    }
    #expect(parsed + failed == 300)
  }

  @Test(arguments: 0..<4)
  func randomBytesNeverCrash(seed: Int) {
    var generator = Generator(state: UInt64(seed) &+ 1)
    let alphabet = Array("abc$(){}[]\"'`\\|&;<>#=~!*?-+ \t\n\r:/.,%^@0129")
    for _ in 0..<300 {
      let text = String((0..<Int(generator.next() % 60)).map { _ in generator.pick(alphabet) })
      do {
        let script = try ShellScript.parse(SourceText(file: "fuzz.sh", text: text))
        _ = script.evaluate(Environment(arguments: []))
      } catch {
        #expect(error.location != nil)
      }
    }
  }

  /// Functions nested near the parse limit that call each other: inlining stops at the
  /// walk's depth bound instead of exhausting the stack.
  /// 200,000 commands are read; the next one is a located error (16 MB of `X=1` lines had
  /// taken 10 GB once walked for two config envs).
  @Test func moreThanTwoHundredThousandCommandsAreRefused() throws {
    let limit = ParseSession.maximumSimpleCommands
    let script = try parse(String(repeating: "X=1\n", count: limit))
    #expect(script.statements.count == limit)
    let error = try #require(parseError(String(repeating: "X=1\n", count: limit + 1)))
    #expect(error.location?.line == limit + 1)
    #expect(error.message.contains("more than 200000 commands"))
  }

  /// 400,000 words are read; the next one is a located error (one `echo` of 1,000,000
  /// words had taken 589 MB and 5 s once walked for two config envs).
  @Test func moreThanFourHundredThousandWordsAreRefused() throws {
    let limit = ParseSession.maximumWords
    let script = try parse("echo" + String(repeating: " a", count: limit - 1))
    #expect(script.statements.first?.simpleCommand?.words.count == limit)
    let error = try #require(parseError("echo" + String(repeating: " a", count: limit)))
    // Word k (k >= 2) of `echo a a ...` starts at column 2k + 2.
    #expect(error.location?.line == 1)
    #expect(error.location?.column == 2 * (limit + 1) + 2)
    #expect(error.message.contains("more than 400000 words"))
  }

  /// 400,000 quoted strings and expansions are read, in one word here; the next one is a
  /// located error (one word of 2,000,000 `$X`, a 4 MB script, had taken 1.2 GB).
  @Test(arguments: ["$X", "'a'"])
  func moreThanFourHundredThousandPartsAreRefused(part: String) throws {
    let limit = ParseSession.maximumParts
    let script = try parse("echo " + String(repeating: part, count: limit))
    #expect(script.statements.first?.simpleCommand?.words.count == 2)
    let error = try #require(parseError("echo " + String(repeating: part, count: limit + 1)))
    #expect(error.message.contains("more than 400000 quoted strings and expansions"))
    // Part k starts at column 6 + (k - 1) * its length.
    #expect(error.location?.line == 1)
    #expect(error.location?.column == 6 + limit * part.count)
  }

  /// The operators of `[[ ]]` are words of it and count against the same limit: `[[`
  /// with `(` nested 2,000,000 deep around `a` (a 4 MB script) had taken 2.7 GB.
  @Test(arguments: ["(", "<", "&&"])
  func conditionalOperatorsCountAsWords(operator op: String) throws {
    // `[[ a` then n pairs ` op a`, then `]]`: 2n + 3 words, `[[` and `]]` included; the
    // operator of pair k is word 2k + 1.
    func conditional(pairs: Int) -> String { "[[ a" + String(repeating: " \(op) a", count: pairs) + " ]]" }
    let limit = ParseSession.maximumWords
    let pairs = (limit - 3) / 2
    let script = try parse(conditional(pairs: pairs))
    guard case .conditional(let command) = script.statements.first?.kind else {
      Issue.record("not a conditional command")
      return
    }
    #expect(command.words.count == 2 * pairs + 1)
    // Pair limit/2's operator is word limit + 1, at column 5 + (limit/2 - 1)(op + 3) + 1.
    let error = try #require(parseError(conditional(pairs: limit / 2)))
    #expect(error.message.contains("more than 400000 words"))
    #expect(error.location?.line == 1)
    #expect(error.location?.column == 5 + (limit / 2 - 1) * (op.count + 3) + 1)
  }

  /// Records made inside calls keep the frames around them, at most 1,000,000 in all:
  /// a function whose 100 commands sit inside 90 nested subshells keeps about 13,300 a
  /// call, so 60 calls are inlined and of 100 the later ones are not, long before the
  /// 200,000 inlined records; the walk goes on after them (3^15 calls into pipelines of
  /// nested `$( )`, a 1.5 KB script, had reached 1.4 GB).
  @Test func deepRecordsInCallsAreBoundedByTheFramesTheyKeep() throws {
    let body = String(repeating: "( ", count: 90) + "\n" + String(repeating: "echo a\n", count: 100) + String(repeating: ") ", count: 90)
    func calls(_ count: Int) -> String { "f() {\n\(body)\n}\n" + String(repeating: "f\n", count: count) + "echo end\n" }
    let deep = try parse(calls(100)).execution
    #expect(deep.isTruncated)
    #expect(deep.commands(named: "echo").count < 80 * 100 + 1)
    #expect(deep.commands.last?.resolvedArguments.first?.literal == "end")
    let fits = try parse(calls(60)).execution
    #expect(!fits.isTruncated)
    #expect(fits.commands(named: "echo").count == 60 * 100 + 1)
  }

  @Test func deeplyNestedFunctionsCallingEachOther() throws {
    let depth = ShellScript.maximumNestingDepth - 5
    var source = ""
    for level in 0..<20 {
      let body = String(repeating: "if true; then ", count: depth) + "f\(level + 1); echo \(level)" + String(repeating: "; fi", count: depth)
      source += "f\(level)() { \(body); }\n"
    }
    source += "f20() { echo leaf; }\nf0\n"
    let script = try parse(source)
    #expect(script.execution.commands(named: "echo").count >= 1)
    #expect(script.execution.isTruncated)
  }

  /// Values that would grow without bound become unknown instead.
  @Test func runawayValuesAreBounded() throws {
    var doubling = "X=ab\n"
    for _ in 0..<40 { doubling += "X=\"$X$X\"\n" }
    doubling += "echo \"$X\""
    let doubled = try #require(try parse(doubling).commands(named: "echo").first?.resolvedArguments.first)
    #expect(doubled.symbols.first?.kind == .unsupported)

    var nested = "X=a\n"
    for _ in 0..<5_000 { nested += "if [ \"$1\" = x ]; then X=\"b$X\"; fi\n" }
    nested += "echo \"$X\""
    let merged = try #require(try parse(nested).commands(named: "echo").first?.resolvedArguments.first)
    #expect(merged.nesting <= 8)
    #expect(try parse(nested).evaluate(Environment(arguments: ["x"])).commands(named: "echo").first?.resolvedArguments.first?.literal?.count == 5_001)

    var appends = "A=()\n"
    for index in 0..<20_000 { appends += "A+=(\(index))\nA[\(index)]=\(index)\n" }
    appends += "echo \"${#A[@]}\""
    #expect(try parse(appends).commands(named: "echo").count == 1)
  }

  /// Assignments in many branches stay linear: each branch costs what it changes.
  @Test func manyBranchesWithManyVariables() throws {
    var source = ""
    for index in 0..<3_000 { source += "V\(index)=\(index)\nif [ \"$1\" = x ]; then W=\(index); else W=y; fi\n" }
    source += "echo \"$W\" \"$V2999\""
    let script = try parse(source)
    let echo = try #require(script.commands(named: "echo").first)
    #expect(echo.resolvedArguments[0].possibleValues() == ["2999", "y"])
    #expect(echo.resolvedArguments[1].literal == "2999")
    #expect(script.evaluate(Environment(arguments: ["x"])).commands(named: "echo").first?.resolvedArguments.first?.literal == "2999")
  }

  /// Conditions and arithmetic nested 100,000 deep are walked without overflowing the
  /// stack (each once crashed the walk at 3,000 to 12,000): `[[ ! ! ... a ]]` is decided
  /// by counting the negations; arithmetic past `ArithmeticEvaluator.maximumNesting` is an
  /// unknown value. The walk goes on to the next command either way.
  @Test(arguments: ["negations", "parentheses", "prefix operators", "parenthesised command"])
  func deepConditionsAndArithmeticAreWalked(shape: String) throws {
    let depth = 100_000
    let line = switch shape {
    case "negations": "[[ " + String(repeating: "! ", count: depth) + "a ]]"
    case "parentheses": "X=$((" + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "))"
    case "prefix operators": "Y=$((" + String(repeating: "- ", count: depth) + "1))"
    default: String(repeating: "(", count: depth) + "false" + String(repeating: ")", count: depth) + " || exit 3"
    }
    let script = try parse(line + "\necho after\n")
    #expect(script.execution.commands(named: "echo").count == 1)
  }

  /// An even number of negations decides as none, an odd number as one.
  @Test func negationsAreCounted() throws {
    let even = try parse("[[ " + String(repeating: "! ", count: 1_000) + "x ]] || exit 3\necho after\n")
    #expect(even.execution.commands(named: "echo").count == 1)
    let odd = try parse("set -e\n[[ " + String(repeating: "! ", count: 1_001) + "x ]] || exit 3\necho after\n")
    #expect(odd.execution.commands(named: "echo").isEmpty)
  }
}
