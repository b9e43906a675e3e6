import Testing

@testable import ShellScriptModel

/// `ArithmeticEvaluator` against what bash 5.2 prints for `echo $(( EXPRESSION ))`.
@Suite struct ArithmeticEvaluatorTests {
  static func evaluate(_ expression: String, _ variables: [String: String] = [:], nounset: Bool = false) -> ArithmeticEvaluator.Result {
    ArithmeticEvaluator(nounset: nounset) { name, index in
      guard let value = variables[index.map { "\(name)[\($0)]" } ?? name] else { return name == "unknown" ? .unknown : .unset }
      return .text(value)
    }.evaluate([expression])
  }

  @Test(arguments: [
    ("-2**2", 4), ("2**3**2", 512), ("2**63", Int.min), ("2**64", 0), ("-(2**63)/-1", Int.min), ("7/-2", -3), ("-7%3", -1),
    ("010", 8), ("16#ff", 255), ("64#_", 63), ("64#@", 62), ("36#Z", 35), ("0x", 0), ("0X1f", 31), ("10#09", 9),
    ("1<<64", 1), ("1<<-1", Int.min), ("5>>1", 2), ("~0", -1), ("!5", 0), ("3>2>1", 0), ("1?2:3", 2), ("0?1:2?3:4", 3),
    ("x=2,x*3", 6), ("1,2", 2), ("- -1", 1), ("--1", 1), ("++1", 1), ("", 0), ("  ", 0), ("3 ^ 5", 6), ("3 & 5", 1),
    ("3 | 5", 7), ("\"1\"+1", 2), ("0 && 1/0", 0), ("1 || 1/0", 1), ("x = y = 3, x + y", 6), ("n++ + n", 1), ("++n + n", 2),
    ("a[1] = 5, a[1] * 2", 10), ("(1 + 2) * 3", 9), ("1 == 1 && 2 != 2", 0),
  ])
  func values(expression: String, value: Int) {
    #expect(Self.evaluate(expression) == .value(value), "\(expression)")
  }

  /// Errors bash reports; the command returns 1.
  @Test(arguments: ["1/0", "5 % 0", "2**-1", "08", "2#102", "37#Z", "1e3", "0 || 1/0", "1 && 1/0", "x /= 0"])
  func failures(expression: String) {
    #expect(Self.evaluate(expression) == .failure, "\(expression)")
  }

  /// Variables: a value is an expression in turn; unset and empty are 0; `$x` is replaced first.
  @Test(arguments: [
    ("x", ["x": "3+4"], 7), ("x", ["x": "y", "y": "5"], 5), ("x", ["x": ""], 0), ("x", [:], 0), ("x", ["x": "010"], 8),
    ("$x * 2", ["x": "1+1"], 3), ("${x}0", ["x": "1"], 10), ("$1 + 1", ["1": "2"], 3), ("a[2]", ["a[2]": "4"], 4),
    ("x++, x", ["x": "41"], 42),
  ])
  func variables(expression: String, variables: [String: String], value: Int) {
    #expect(Self.evaluate(expression, variables) == .value(value), "\(expression)")
  }

  /// What the walk cannot tell: an unknown value, text this reader does not take, a
  /// value that refers to itself.
  @Test(arguments: ["unknown + 1", "$(date)", "'1'", "${x:-1}", "1 2", "(1", "a[i]", "self"])
  func unknowns(expression: String) {
    #expect(Self.evaluate(expression, ["self": "self + 1"]) == .unknown, "\(expression)")
  }

  /// With `set -u`, reading an unset variable is an error that ends the shell; skipped
  /// operands and plain assignment do not read (bash 5.2).
  @Test func nounset() {
    #expect(Self.evaluate("x + 1", nounset: true) == .unbound("x"))
    #expect(Self.evaluate("x++", nounset: true) == .unbound("x"))
    #expect(Self.evaluate("x += 1", nounset: true) == .unbound("x"))
    #expect(Self.evaluate("$x", nounset: true) == .unbound("x"))
    #expect(Self.evaluate("x = 1", nounset: true) == .value(1))
    #expect(Self.evaluate("0 && y", nounset: true) == .value(0))
    #expect(Self.evaluate("1 ? 2 : y", nounset: true) == .value(2))
  }
}
