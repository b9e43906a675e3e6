import ProjectModel
import Testing

/// `--build-arg` operands split at their first `=` scalar, as Docker splits the bytes.
@Suite struct BuildArgumentTests {
  @Test(arguments: [
    ("APP_VERSION=1.2", "APP_VERSION", "1.2"),
    ("A=b=c", "A", "b=c"),
    ("A=", "A", ""),
    ("A", "A", nil),
    ("=x", "", "x"),
    // A combining mark after `=`, a prepended concatenation mark before it: one Character
    // with the `=`, which a search by Characters does not find (it had crashed the run).
    ("APP_VERSION=\u{301}x", "APP_VERSION", "\u{301}x"),
    ("X\u{600}=1", "X\u{600}", "1"),
  ] as [(String, String, String?)])
  func splitsAtTheFirstEquals(operand: String, name: String, value: String?) {
    let argument = BuildArgument(operand)
    #expect(argument.name == name)
    #expect(argument.value == value)
  }
}
