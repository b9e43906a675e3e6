import Requirements

/// Everything about a rule that is not its check: identity, the requirements it decides,
/// why it exists, where the behaviour it relies on is documented, and examples that both
/// document it and run as tests.
public struct RuleDefinition: Sendable {
  /// Whether a rule is evaluated once per config env (it reads the evaluated template or
  /// the env's deploy configuration) or once for the repository.
  public enum Scope: String, Sendable, Codable {
    case perEnvironment = "per-env"
    case repository
  }

  /// What kind of check the rule is, for `vibe-rules list`.
  public enum Kind: String, Sendable, Codable {
    /// Reads one artifact.
    case `static`
    /// Compares several resources or several files.
    case crossFile = "cross-file"
    /// Decided by evidence from a build or a run (needs-evidence without it).
    case evidence
    /// Computed with a model (cost).
    case computed

    /// What the kind means, for a legend (`vibe-rules list`).
    public var meaning: String {
      switch self {
      case .static: "reads one file"
      case .crossFile: "compares several resources or files"
      case .evidence: "needs a build or a run (needs-evidence without one)"
      case .computed: "prices the template with a model (the cost rows)"
      }
    }
  }

  /// Stable kebab-case identifier (`alb-ingress-ports`), never reused.
  public var id: String
  /// The requirements this rule decides (a row of the matrix each).
  public var requirements: [RequirementID]
  /// One line, no trailing period.
  public var title: String
  /// Why the requirement matters and what the rule checks.
  public var rationale: String
  public var scope: Scope
  public var kind: Kind
  /// Artifacts the rule needs; when one is absent the rule is not applicable.
  public var artifacts: [Artifact]
  /// Documentation the rule relies on (AWS, Docker, SAM CLI pages, issue threads).
  public var sources: [String]
  /// Passing and failing examples; both kinds are required (a rule that cannot fail is a defect).
  ///
  /// Built each time they are read, not with the definition: `report` reads the definitions
  /// of every rule at start-up and never their examples, some of which run a rule's own
  /// code (the probe examples encode JSON evidence): 2.2 M of the 7.6 M instructions the
  /// start-up tables took (benchmarks/RESULTS.md, "Less work per run").
  public var examples: [RuleExample] { makeExamples() }
  private let makeExamples: @Sendable () -> [RuleExample]

  public init(
    id: String, requirements: [RequirementID], title: String, rationale: String,
    scope: Scope, kind: Kind = .static, artifacts: [Artifact], sources: [String] = [],
    examples: @autoclosure @escaping @Sendable () -> [RuleExample]
  ) {
    self.id = id
    self.requirements = requirements
    self.title = title
    self.rationale = rationale
    self.scope = scope
    self.kind = kind
    self.artifacts = artifacts
    self.sources = sources
    makeExamples = examples
  }
}
