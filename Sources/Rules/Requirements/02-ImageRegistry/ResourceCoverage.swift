import TemplateModel

/// Whether an IAM statement's `Resource` entries cover one ECR repository's ARN
/// (`arn:<partition>:ecr:<region>:<account>:repository/<name>`), as far as the template
/// tells: `covers`, `misses`, or `unknown` (a parameter, an import, an account ID the
/// files cannot confirm).
///
/// Resource ARNs match with IAM's wildcards `*` and `?`; a `Fn::GetAtt X.Arn` names
/// resource X's ARN, so it covers the repository only when X is the repository.
/// References: "IAM JSON policy elements: Resource",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html;
/// "Amazon ECR resource ARN format",
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html#amazonelasticcontainerregistry-resources-for-iam-policies
enum ResourceCoverage: Int, Comparable {
  case misses = 0, unknown = 1, covers = 2

  static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  /// One piece of an ARN: a known character, an IAM wildcard, or a value unknown before
  /// deploy (named by what it stands for, so `${AWS::AccountId}` written twice is the same).
  enum Token: Hashable {
    case character(Character), anyRun, anyOne, unknown(String)
  }

  /// The repository `repository`'s ARN in `template`'s env: region and partition when the
  /// deploy configuration names the region, the account always unknown.
  static func arn(of repository: EvaluatedResource, in template: EvaluatedTemplate) -> [Token] {
    let region = template.scenario.configuration.region?.value.literal
    var tokens = text("arn:")
    tokens += region.map { text(Partition.of(region: $0).name) } ?? [.unknown("pseudo:AWS::Partition")]
    tokens += text(":ecr:")
    tokens += region.map(text) ?? [.unknown("pseudo:AWS::Region")]
    tokens += text(":") + [.unknown("pseudo:AWS::AccountId")] + text(":repository/")
    // `Ref` of an AWS::ECR::Repository gives its name.
    tokens += repository["RepositoryName"].flatMap { tokensOf($0, pattern: false) } ?? [.unknown("ref:\(repository.logicalID)")]
    return tokens
  }

  /// How `resource` (one `Resource` entry) covers the ARN `target` of repository `repository`.
  static func of(_ resource: EvaluatedNode, target: [Token], repository: String, in template: EvaluatedTemplate) -> ResourceCoverage {
    switch resource.unresolved {
    case .attribute(let id, let name)?:
      // The ARN of another resource (a log group, another repository) is not this repository's.
      return id == repository && name == "Arn" ? .covers : .misses
    case .resource(let id)?:
      // A Ref gives a name or an ID, not a repository ARN (an unresolved parameter aside).
      return template.resource(id) == nil ? .unknown : .misses
    case .conditional(_, let then, let otherwise)?:
      let branches = [then, otherwise].compactMap { $0 }.map { of($0, target: target, repository: repository, in: template) }
      return branches.min() ?? .misses
    default:
      guard let pattern = tokensOf(resource, pattern: true) else { return .unknown }
      return match(pattern, target)
    }
  }

  static func text(_ string: String) -> [Token] { string.map(Token.character) }

  /// The tokens of a string value; nil when part of it cannot be spelled out (a condition).
  static func tokensOf(_ node: EvaluatedNode, pattern: Bool) -> [Token]? {
    if let string = node.string {
      return string.map { pattern && $0 == "*" ? .anyRun : pattern && $0 == "?" ? .anyOne : .character($0) }
    }
    switch node.unresolved {
    case .concatenation(let parts)?:
      var tokens: [Token] = []
      for part in parts {
        guard let more = tokensOf(part, pattern: pattern) else { return nil }
        tokens += more
      }
      return tokens
    case .pseudo(let name)?: return [.unknown("pseudo:\(name)")]
    case .resource(let id)?: return [.unknown("ref:\(id)")]
    case .attribute(let id, let name)?: return [.unknown("att:\(id).\(name)")]
    case .parameter(let name)?: return [.unknown("parameter:\(name)")]
    case nil, .conditional?: return nil
    case let other?: return [.unknown(other.display)]
    }
  }

  /// Matches an IAM resource pattern against an ARN, both possibly holding unknown values.
  /// An unknown value stands for some run of characters without `:` (it fills one ARN
  /// field or part of one), so where one is compared the answer is at most `unknown`;
  /// `*` matches any run, including unknown values. Dynamic programming over positions:
  /// O(n²·m) for the short strings of a policy (longer inputs answer `unknown`).
  static func match(_ pattern: [Token], _ target: [Token]) -> ResourceCoverage {
    guard pattern.count <= 512, target.count <= 512 else { return .unknown }
    let (p, t) = (pattern, target)
    // table[i][j]: how p[i...] matches t[j...].
    var table = Array(repeating: Array(repeating: ResourceCoverage.misses, count: t.count + 1), count: p.count + 1)
    table[p.count][t.count] = .covers
    for i in stride(from: p.count, through: 0, by: -1) {
      for j in stride(from: t.count, through: 0, by: -1) where !(i == p.count && j == t.count) {
        var best = ResourceCoverage.misses
        if i < p.count {
          switch p[i] {
          case .anyRun:
            best = max(table[i + 1][j], j < t.count ? table[i][j + 1] : .misses)
          case .anyOne:
            if j < t.count {
              if case .unknown = t[j] { best = min(.unknown, table[i + 1][j + 1]) } else { best = table[i + 1][j + 1] }
            }
          case .character(let c):
            if j < t.count {
              switch t[j] {
              case .character(let d): best = c == d ? table[i + 1][j + 1] : .misses
              case .unknown: best = unknownSpan(fixed: p, from: i, other: t, at: j + 1, table: table, patternSide: true)
              default: break
              }
            }
          case .unknown(let name):
            if j < t.count, t[j] == .unknown(name) { best = table[i + 1][j + 1] }
            best = max(best, unknownSpan(fixed: t, from: j, other: p, at: i + 1, table: table, patternSide: false))
          }
        }
        table[i][j] = best
      }
    }
    return table[0][0]
  }

  /// An unknown value on one side facing `fixed[from...]` on the other: it may stand for
  /// any non-empty run of that side without `:`; the result is at most `unknown`.
  private static func unknownSpan(fixed: [Token], from start: Int, other: [Token], at next: Int, table: [[ResourceCoverage]], patternSide: Bool) -> ResourceCoverage {
    var best = ResourceCoverage.misses
    var end = start
    while end < fixed.count {
      if case .character(":") = fixed[end] { break }
      end += 1
      let rest = patternSide ? table[end][next] : table[next][end]
      best = max(best, min(.unknown, rest))
      if best == .unknown { break }
    }
    return best
  }
}
