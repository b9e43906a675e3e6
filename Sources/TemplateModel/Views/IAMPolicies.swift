import Diagnostics

/// One statement of an IAM policy attached to a role, as the template grants it.
public struct PolicyStatement: Sendable {
  public var effect: String
  /// Actions as written (`ecr:BatchGetImage`, `ecr:*`); empty when only NotAction is used.
  public var actions: [String]
  /// Where each action is written (same order as `actions`).
  public var actionLocations: [SourceLocation] = []
  public var usesNotAction: Bool
  /// `NotAction` patterns as written (a `Deny` with `NotAction` denies everything else).
  public var notActions: [String] = []
  /// Resources (`*`, an ARN, `!GetAtt Repo.Arn`).
  public var resources: [EvaluatedNode]
  public var location: SourceLocation
  /// Where the statement comes from: `Policies/<name>`, `<PolicyResource>`, or a managed policy name.
  public var source: String

  public var isAllow: Bool { effect.caseInsensitiveCompare("Allow") == .orderedSame }
  public var isDeny: Bool { effect.caseInsensitiveCompare("Deny") == .orderedSame }

  /// Whether the statement's actions cover `action` (IAM wildcards `*` and `?`, case-insensitive).
  public func covers(_ action: String) -> Bool {
    if usesNotAction { return false }
    return actions.contains { IAMPattern.matches($0, action) }
  }

  /// Whether this is a `Deny` that applies to `action`: its `Action` covers it, or its
  /// `NotAction` does not. An explicit deny overrides every allow, whatever its
  /// resources or conditions narrow it to (taken as applying: a check of the files
  /// cannot tell the request it will see). Reference: "Policy evaluation logic",
  /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  public func denies(_ action: String) -> Bool {
    guard isDeny else { return false }
    if usesNotAction { return !notActions.contains { IAMPattern.matches($0, action) } }
    return actions.contains { IAMPattern.matches($0, action) }
  }

  /// Where the action covering `action` is written (else the statement).
  public func location(of action: String) -> SourceLocation {
    for (index, pattern) in actions.enumerated() where IAMPattern.matches(pattern, action) && index < actionLocations.count {
      return actionLocations[index]
    }
    return location
  }

  /// True when a resource is exactly `*`.
  public var onAllResources: Bool { resources.contains { $0.string == "*" } }
}

extension [PolicyStatement] {
  /// Whether these statements, together, allow `action`: an `Allow` covers it and no
  /// explicit `Deny` applies to it (a deny always wins).
  public func allow(_ action: String) -> Bool {
    contains { $0.isAllow && $0.covers(action) } && !contains { $0.denies(action) }
  }

  /// The first explicit `Deny` that applies to `action`.
  public func denial(of action: String) -> PolicyStatement? { first { $0.denies(action) } }
}

/// IAM's wildcard match for actions: `*` any run, `?` one character, case-insensitive.
/// Reference: "IAM JSON policy elements: Action",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
public enum IAMPattern {
  public static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.lowercased().unicodeScalars)
    let t = Array(text.lowercased().unicodeScalars)
    var (pi, ti, star, mark) = (0, 0, -1, 0)
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1; ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi; mark = ti; pi += 1
      } else if star >= 0 {
        pi = star + 1; mark += 1; ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}

/// What AWS managed policies the rules rely on grant, from the AWS Managed Policy
/// Reference (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/).
public enum ManagedPolicyGrants {
  /// Keyed by the policy's path and name after `arn:<partition>:iam::aws:policy/`: an
  /// ARN with another path names a policy that does not exist (IAM rejects the role).
  /// AmazonECSTaskExecutionRolePolicy (`arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`):
  /// ECR pull and CloudWatch Logs writes on `*`
  /// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html).
  public static let known: [String: [String]] = [
    "service-role/AmazonECSTaskExecutionRolePolicy": [
      "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents",
    ]
  ]

  /// The path and name of an AWS managed policy ARN (`service-role/AmazonECSTaskExecutionRolePolicy`
  /// for `arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`).
  public static func name(of arn: EvaluatedNode) -> String? {
    let text = arn.string ?? arn.display
    guard let range = text.rangeOfText(":iam::aws:policy/") else { return nil }
    return String(text[range.upperBound...])
  }
}

extension EvaluatedTemplate {
  /// Every statement granted to `role`: its inline `Policies`, the policy resources
  /// attached to it (`attachedPolicies`), and known AWS managed policies in
  /// `ManagedPolicyArns` (as one `*` statement each). Deny statements are included.
  public func statements(grantedTo role: String) -> [PolicyStatement] {
    var statements: [PolicyStatement] = []
    if let resource = resource(role) {
      for policy in resource["Policies"]?.list ?? [] {
        let name = policy["PolicyName"]?.display ?? "inline"
        statements += Self.statements(of: policy["PolicyDocument"], source: "Policies/\(name)")
      }
      for arn in resource["ManagedPolicyArns"]?.list ?? [] {
        guard let name = ManagedPolicyGrants.name(of: arn), let actions = ManagedPolicyGrants.known[name] else { continue }
        statements.append(PolicyStatement(
          effect: "Allow", actions: actions, usesNotAction: false,
          resources: [EvaluatedNode(.scalar(.string("*")), at: arn.location)], location: arn.location, source: name))
      }
    }
    for policy in attachedPolicies(of: role) {
      statements += Self.statements(of: policy["PolicyDocument"], source: policy.logicalID)
    }
    return statements
  }

  /// `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources naming `role` in `Roles`,
  /// and `AWS::IAM::RolePolicy` resources naming it in `RoleName` (`!Ref Role` gives
  /// the role's name). Reference: "AWS::IAM::RolePolicy",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-rolepolicy.html
  func attachedPolicies(of role: String) -> [EvaluatedResource] {
    resources(at: index.offsets(.rolePolicies, of: role))
  }

  /// Whether anything grants `role` permissions (inline or attached policies, managed ARNs).
  public func grantsAnything(to role: String) -> [SourceLocation] {
    var places: [SourceLocation] = []
    if let resource = resource(role) {
      if let policies = resource["Policies"], !(policies.list?.isEmpty ?? false) { places.append(policies.location) }
      if let arns = resource["ManagedPolicyArns"], !(arns.list?.isEmpty ?? false) { places.append(arns.location) }
    }
    places += attachedPolicies(of: role).map(\.location)
    return places
  }

  static func statements(of document: EvaluatedNode?, source: String) -> [PolicyStatement] {
    guard let document else { return [] }
    let parsed = document.string.flatMap { JSONDocument.parse($0, at: document.location) } ?? document
    return (parsed["Statement"]?.items ?? []).map { statement in
      PolicyStatement(
        effect: statement["Effect"]?.string ?? "",
        actions: statement["Action"]?.items.compactMap(\.string) ?? [],
        actionLocations: statement["Action"]?.items.filter { $0.string != nil }.map(\.location) ?? [],
        usesNotAction: statement["NotAction"] != nil,
        notActions: statement["NotAction"]?.items.compactMap(\.string) ?? [],
        resources: statement["Resource"]?.items ?? [],
        location: statement.location, source: source)
    }
  }
}
