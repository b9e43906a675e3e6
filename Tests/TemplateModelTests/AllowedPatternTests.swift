import Testing
@testable import TemplateModel

/// `AllowedPattern` is matched against the whole value, per config env, as CloudFormation
/// does before it creates a change set; a pattern that does not compile blames no value.
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
  ]

  @Test(arguments: cases)
  func valuesAreMatchedWhole(pattern: String, value: String, allowed: Bool) throws {
    let evaluated = try evaluate(Self.template(pattern), overrides: "ImageTag=\"\(value)\"")
    let problems = evaluated.problems.filter { $0.kind == .disallowedValue }
    #expect(problems.isEmpty == allowed, "\(pattern) on \"\(value)\": \(problems.map(\.message))")
    if !allowed { #expect(problems.first?.message.contains("does not match its AllowedPattern") == true) }
  }
}
