import Testing
@testable import TemplateModel

/// `AllowedPattern` is matched against the whole value, per config env, as CloudFormation
/// does before it creates a change set; a pattern that does not compile, or that is outside
/// what we match, blames no value: the value is reported unchecked.
@Suite struct AllowedPatternTests {
  static func template(_ pattern: String) -> String {
    """
    Parameters:
      ImageTag:
        Type: String
        AllowedPattern: '\(pattern)'
    Resources:
      Topic:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref ImageTag

    """
  }

  static let cases: [(pattern: String, value: String, allowed: Bool)] = [
    ("^[0-9a-f]{7,40}$", "0a1b2c3", true),
    ("^[0-9a-f]{7,40}$", "latest", false),
    ("[0-9a-f]{7,40}", "0a1b2c3-dirty", false),  // whole value, even without anchors
    ("^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", "dashboard.example.com", true),
    ("^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", "", true),
    ("^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", "Dashboard.example.com", false),
    ("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "ops@example.com", true),
    ("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "ops @example.com", false),
    ("[a-z]+(", "anything", true),  // does not compile: the value is not blamed
    ("^(a+)+$", String(repeating: "a", count: 30) + "!", false),  // hung a backtracking engine
  ]

  @Test(arguments: cases)
  func valuesAreMatchedWhole(pattern: String, value: String, allowed: Bool) throws {
    let evaluated = try evaluate(Self.template(pattern), overrides: "ImageTag=\"\(value)\"")
    let problems = evaluated.problems.filter { $0.kind == .disallowedValue }
    #expect(problems.isEmpty == allowed, "\(pattern) on \"\(value)\": \(problems.map(\.message))")
    if !allowed { #expect(problems.first?.message.contains("does not match its AllowedPattern") == true) }
  }

  /// A long value is quoted cut in the problem's message (190 parameters sharing a
  /// 100 KB default through a YAML alias, in 64 envs, once made 2.5 GB of notes).
  @Test func aLongValueIsQuotedCut() throws {
    let value = String(repeating: "a", count: 100_000) + "!"
    let evaluated = try evaluate(Self.template("^[a-z]+$"), overrides: "ImageTag=\"\(value)\"")
    let message = try #require(evaluated.problems.first { $0.kind == .disallowedValue }?.message)
    #expect(message.hasSuffix("ImageTag=" + String(repeating: "a", count: 200) + "… (99801 more bytes) does not match its AllowedPattern ^[a-z]+$"), "\(message.prefix(300))")
    #expect(message.utf8.count < 400)
  }

  @Test(arguments: [
    ("[a-z]+(", "does not compile (unclosed group at scalar 7)"),
    ("^(?=[a-z])[a-z]+$", "the pattern uses look-ahead '(?=' (at scalar 2), which vibe-rules does not match"),
    ("^([a-z])\\1$", "the pattern uses back-reference '\\1' (at scalar 9), which vibe-rules does not match"),
  ])
  func undecidedPatternsAreReportedUnchecked(pattern: String, reason: String) throws {
    let evaluated = try evaluate(Self.template(pattern), overrides: "ImageTag=\"abc\"")
    #expect(evaluated.problems.map(\.kind) == [.uncheckedConstraint])
    #expect(evaluated.problems.first?.message.contains("ImageTag=abc was not checked against its AllowedPattern") == true)
    #expect(evaluated.problems.first?.message.contains(reason) == true, "\(evaluated.problems.map(\.message))")
  }
}
