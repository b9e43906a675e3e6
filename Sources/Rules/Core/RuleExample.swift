/// An example of a rule at work: a change to a compliant repository (by default, this
/// repository's own deployment files) and the verdict the rule must give on it.
///
/// Examples are the rule's documentation (`vibe-rules explain`) and its tests: the test
/// suite applies each example and checks the verdict, and that a failing example's
/// finding is located in the file the example changed.
public struct RuleExample: Sendable {
  public enum Expectation: String, Sendable, CaseIterable {
    case pass, fail, warn
    case needsEvidence = "needs-evidence"
    case notApplicable = "not-applicable"
  }

  /// One textual replacement in an artifact. `find` must occur in the file (an example
  /// whose text no longer occurs is stale and fails its test).
  public struct Edit: Sendable {
    public var artifact: Artifact
    public var find: String
    public var replacement: String
    public init(_ artifact: Artifact, replacing find: String, with replacement: String) {
      self.artifact = artifact
      self.find = find
      self.replacement = replacement
    }
  }

  public var summary: String
  public var expected: Expectation
  public var edits: [Edit]
  /// A folder of files to overlay instead of (or before) the edits, relative to the
  /// package root (`Tests/RequirementTests/Fixtures/...`) or to `../shared`.
  public var fixture: String?
  /// The config env whose verdict is checked; nil checks every env.
  public var environment: String?
  /// Requirements besides the rule's own that this change may also turn to fail.
  public var alsoFails: [String]
  public var declaredAt: (file: String, line: Int)

  init(_ summary: String, expected: Expectation, edits: [Edit], fixture: String? = nil, environment: String?, alsoFails: [String], file: String, line: Int) {
    self.summary = summary
    self.expected = expected
    self.edits = edits
    self.fixture = fixture
    self.environment = environment
    self.alsoFails = alsoFails
    self.declaredAt = (file, line)
  }

  /// This repository's deployment files as they are: the rule must pass.
  public static func compliant(_ summary: String = "this repository's deployment files", environment: String? = nil, file: String = #fileID, line: Int = #line) -> RuleExample {
    RuleExample(summary, expected: .pass, edits: [], environment: environment, alsoFails: [], file: file, line: line)
  }

  /// A change that must give `expected` (usually `.fail`).
  public static func change(
    _ summary: String, _ edits: Edit..., expect expected: Expectation = .fail, environment: String? = nil,
    alsoFails: [String] = [], file: String = #fileID, line: Int = #line
  ) -> RuleExample {
    RuleExample(summary, expected: expected, edits: edits, environment: environment, alsoFails: alsoFails, file: file, line: line)
  }

  /// A folder of files overlaid on this repository's (then `edits` applied).
  public static func fixture(
    _ path: String, _ summary: String, _ edits: Edit..., expect expected: Expectation, environment: String? = nil,
    alsoFails: [String] = [], file: String = #fileID, line: Int = #line
  ) -> RuleExample {
    RuleExample(summary, expected: expected, edits: edits, fixture: path, environment: environment, alsoFails: alsoFails, file: file, line: line)
  }
}
