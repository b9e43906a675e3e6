import Diagnostics
import Foundation
import ProjectModel
import Testing
@testable import Rules

/// Regression tests for template-side faults an adversarial tester found: each is a
/// change to a copy of this repository's deployment files, loaded as a project and run
/// through the whole catalogue. Parts of the template only known at deploy time
/// (`Fn::ForEach` over a parameter, `AWS::Include`), security groups and clusters
/// defined elsewhere make a pass needs-evidence naming them; explicit IAM denies,
/// `AWS::IAM::RolePolicy` and managed policy paths count as IAM counts them; scaling
/// policies attach by `ServiceNamespace`, `ScalableDimension` and `ResourceId`; a
/// finding on a flow mapping points at its first key.
@Suite struct TemplateFaultTests {
  static let template = Workspace.artifactPaths[.template]!

  /// The requirement matrix of this repository's files after `edits`.
  static func matrix(_ edits: RuleExample.Edit...) throws -> RequirementMatrix {
    let workspace = try Workspace()
    defer { workspace.remove() }
    for edit in edits { try workspace.apply(edit) }
    let project = try workspace.load()
    return RequirementMatrix(
      catalogue: project.requirements, results: RuleEngine.run(RuleCatalog.all, on: project),
      environments: project.environments.map(\.scenario.environment), waivers: project.waivers, today: WaiverCheck.today)
  }

  /// The error loading this repository's files after `edits` ends in, if any.
  static func loadError(_ edits: RuleExample.Edit...) throws -> InputError? {
    let workspace = try Workspace()
    defer { workspace.remove() }
    for edit in edits { try workspace.apply(edit) }
    do {
      _ = try workspace.load()
      return nil
    } catch {
      return error
    }
  }

  /// The rows of requirement `id` (one per env, or one for all).
  static func rows(_ id: String, of matrix: RequirementMatrix) -> [RequirementMatrix.Row] {
    matrix.rows.filter { $0.requirement.id.description == id }
  }

  /// "8.1 all needs-evidence: note" for messages.
  static func describe(_ rows: [RequirementMatrix.Row]) -> String {
    rows.map { "\($0.requirement.id) \($0.environment ?? "all") \($0.status.rawValue): \($0.note) \($0.findings.map { "\($0.location): \($0.message)" })" }
      .joined(separator: "\n")
  }

  /// Checks that every row of `ids` is `status` and mentions each of `named` in its note.
  static func expect(_ ids: [String], in matrix: RequirementMatrix, are status: RequirementMatrix.Status, naming named: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for id in ids {
      let rows = rows(id, of: matrix)
      #expect(!rows.isEmpty, "\(id) has rows", sourceLocation: sourceLocation)
      for row in rows {
        #expect(row.status == status, "\(describe([row]))", sourceLocation: sourceLocation)
        for name in named {
          #expect(row.note.contains(name), "\(id) names \(name): \(row.note)", sourceLocation: sourceLocation)
        }
      }
    }
  }

  /// The line of `infra/template.yaml` after `edits` on which `text` starts (1-based).
  static func line(of text: String, after edits: RuleExample.Edit...) throws -> Int {
    var source = try String(contentsOf: Workspace.repositoryRoot.appendingPathComponent(template), encoding: .utf8)
    for edit in edits { source = source.replacingOccurrences(of: edit.find, with: edit.replacement) }
    let range = try #require(source.range(of: text))
    return source[..<range.lowerBound].count { $0 == "\n" } + 1
  }

  // MARK: Deploy-time parts

  static let languageExtensions = RuleExample.Edit.edit(
    .template, "Transform: AWS::Serverless-2016-10-31\n", "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n")
  static let listParameter = RuleExample.Edit.edit(
    .template, "\nParameters:\n", "\nParameters:\n  ExtraQueues:\n    Type: CommaDelimitedList\n    Default: reports,exports\n\n")
  static let queueLoop = RuleExample.Edit.edit(
    .template, "\nResources:\n", "\nResources:\n  Fn::ForEach::Queues:\n    - Name\n    - !Ref ExtraQueues\n    - Queue${Name}:\n        Type: AWS::SQS::Queue\n\n")

  /// The template-reading rules (per env, reading the template) and the rows only they decide.
  static func templateRows(of matrix: RequirementMatrix) -> [RequirementMatrix.Row] {
    let readers = Set(RuleCatalog.all.map(\.definition).filter { $0.scope == .perEnvironment && $0.artifacts.contains(.template) }.map(\.id))
    return matrix.rows.filter { !$0.rules.isEmpty && $0.rules.allSatisfy(readers.contains) }
  }

  /// CloudFormation rejects `Fn::ForEach` without the transform: so does loading, at the key.
  @Test func forEachWithoutTheLanguageExtensionsTransformIsALocatedError() throws {
    let error = try #require(try Self.loadError(Self.listParameter, Self.queueLoop))
    #expect(error.message.contains("Fn::ForEach needs the AWS::LanguageExtensions transform"), "\(error)")
    let line = try Self.line(of: "  Fn::ForEach::Queues:", after: Self.listParameter, Self.queueLoop)
    #expect(error.location == Diagnostics.SourceLocation(file: Self.template, line: line, column: 3))
  }

  /// The queues a `!Ref ExtraQueues` loop makes exist only at deploy time: no rule that
  /// reads the template may pass, and those that would are needs-evidence naming the loop.
  @Test func forEachOverAParameterMakesTemplateRulesNeedEvidenceNamingTheLoop() throws {
    let matrix = try Self.matrix(Self.languageExtensions, Self.listParameter, Self.queueLoop)
    let rows = Self.templateRows(of: matrix)
    #expect(rows.count > 20)
    #expect(rows.allSatisfy { $0.status != .pass }, "\(Self.describe(rows.filter { $0.status == .pass }))")
    let line = try Self.line(of: "  Fn::ForEach::Queues:", after: Self.languageExtensions, Self.listParameter, Self.queueLoop)
    Self.expect(["2.1", "3.1", "8.1", "12.6"], in: matrix, are: .needsEvidence, naming: [
      "resources generated by Fn::ForEach::Queues over !Ref ExtraQueues at \(Self.template):\(line):3", "only known at deploy time",
    ])
  }

  /// `AWS::Include` inserts a snippet read from S3 at deploy time: as a key of the
  /// Resources section (resources), or inside a resource's properties (the load
  /// balancer's ingress rules could be anything).
  static let includes: [String: (edit: RuleExample.Edit, named: String)] = [
    "in the Resources section": (
      .edit(
        .template, "\nResources:\n",
        "\nResources:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters:\n      Location: s3://vibejudge-snippets/extra-resources.yaml\n\n"),
      "an AWS::Include of s3://vibejudge-snippets/extra-resources.yaml (resources)"),
    "inside a resource's properties": (
      .edit(
        .template, "      GroupDescription: Dashboard ALB - HTTP and HTTPS from the internet\n",
        "      GroupDescription: Dashboard ALB - HTTP and HTTPS from the internet\n      Fn::Transform:\n        Name: AWS::Include\n        Parameters:\n          Location: s3://vibejudge-snippets/alb-ingress.yaml\n"),
      "an AWS::Include of s3://vibejudge-snippets/alb-ingress.yaml (properties of AlbSecurityGroup)"),
  ]

  @Test(arguments: includes.keys.sorted())
  func includeMakesTemplateRulesNeedEvidenceNamingIt(placed: String) throws {
    let include = Self.includes[placed]!
    let matrix = try Self.matrix(include.edit)
    let rows = Self.templateRows(of: matrix)
    #expect(rows.allSatisfy { $0.status != .pass }, "\(Self.describe(rows.filter { $0.status == .pass }))")
    Self.expect(["2.1", "3.1", "8.1"], in: matrix, are: .needsEvidence, naming: [include.named, "only known at deploy time"])
  }

  // MARK: IAM

  /// The execution role's managed policy and inline policies, as written in this repository.
  static func executionRolePolicies() throws -> String {
    let source = try String(contentsOf: Workspace.repositoryRoot.appendingPathComponent(template), encoding: .utf8)
    let start = try #require(source.range(of: "      ManagedPolicyArns:\n        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\"\n"))
    let end = try #require(source.range(of: "                Resource: !GetAtt LogGroup.Arn\n", range: start.upperBound..<source.endIndex))
    return String(source[start.lowerBound..<end.upperBound])
  }

  /// The execution role's permissions replaced by `replacement`.
  static func executionRole(_ replacement: String) throws -> RuleExample.Edit {
    .edit(.template, try executionRolePolicies(), replacement)
  }

  /// An explicit Deny overrides the managed policy's and the inline policy's Allow.
  @Test func explicitDenyOfBatchGetImageFailsTheECRPull() throws {
    let deny = RuleExample.Edit.edit(
      .template, "              # GetAuthorizationToken has no resource-level permissions.\n",
      "              - Sid: NoImagePulls\n                Effect: Deny\n                Action: ecr:BatchGetImage\n                Resource: \"*\"\n              # GetAuthorizationToken has no resource-level permissions.\n")
    let matrix = try Self.matrix(deny)
    Self.expect(["2.5", "4.5"], in: matrix, are: .fail)
    let line = try Self.line(of: "                Action: ecr:BatchGetImage\n                Resource: \"*\"", after: deny)
    for row in Self.rows("2.5", of: matrix) {
      #expect(row.findings.contains { $0.message.contains("TaskExecutionRole is explicitly denied ecr:BatchGetImage") && $0.location.line == line }, "\(Self.describe([row]))")
    }
  }

  static func rolePolicy(for role: String) -> RuleExample.Edit {
    .edit(.template, "  # The dashboard calls no AWS API: the task role has no permissions at all.\n", """
        ExecutionRolePolicy:
          Type: AWS::IAM::RolePolicy
          Properties:
            RoleName: !Ref \(role)
            PolicyName: ecr-pull-and-logs
            PolicyDocument:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Action: ecr:GetAuthorizationToken
                  Resource: "*"
                - Effect: Allow
                  Action:
                    - ecr:BatchCheckLayerAvailability
                    - ecr:GetDownloadUrlForLayer
                    - ecr:BatchGetImage
                  Resource: !GetAtt EcrRepository.Arn
                - Effect: Allow
                  Action:
                    - logs:CreateLogStream
                    - logs:PutLogEvents
                  Resource: !GetAtt LogGroup.Arn

        # The dashboard calls no AWS API: the task role has no permissions at all.

      """)
  }

  /// An `AWS::IAM::RolePolicy` naming the execution role (its only permissions) counts.
  @Test func rolePolicyGrantingThePullActionsCounts() throws {
    let matrix = try Self.matrix(try Self.executionRole(""), Self.rolePolicy(for: "TaskExecutionRole"))
    Self.expect(["2.5", "4.5", "10.4"], in: matrix, are: .pass)
  }

  /// The same policy on another role leaves the execution role without permissions.
  @Test func rolePolicyOnAnotherRoleDoesNotCount() throws {
    let matrix = try Self.matrix(try Self.executionRole(""), Self.rolePolicy(for: "TaskRole"))
    Self.expect(["2.5", "4.5"], in: matrix, are: .fail)
  }

  /// AmazonECSTaskExecutionRolePolicy lives under `service-role/`; the ARN without that
  /// path names no policy (IAM rejects the role), so it grants nothing.
  @Test func managedPolicyArnWithoutItsServiceRolePathDoesNotCount() throws {
    let matrix = try Self.matrix(try Self.executionRole("      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy\n"))
    Self.expect(["2.5", "4.5"], in: matrix, are: .fail)
  }

  @Test func managedPolicyArnWithItsServiceRolePathCounts() throws {
    let matrix = try Self.matrix(try Self.executionRole("      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\n"))
    Self.expect(["2.5", "4.5", "10.4"], in: matrix, are: .pass)
  }

  // MARK: Security groups and clusters defined elsewhere

  static let externalGroup = "sg-0123456789abcdef0"

  @Test func securityGroupByIDOnTheLoadBalancerNeedsEvidenceNamingIt() throws {
    let matrix = try Self.matrix(.edit(
      .template, "      SecurityGroups:\n        - !Ref AlbSecurityGroup\n", "      SecurityGroups:\n        - !Ref AlbSecurityGroup\n        - \(Self.externalGroup)\n"))
    Self.expect(["8.1"], in: matrix, are: .needsEvidence, naming: ["\(Self.externalGroup) on LoadBalancer"])
  }

  @Test func securityGroupByIDOnTheServiceNeedsEvidenceNamingIt() throws {
    let matrix = try Self.matrix(.edit(.template, "            - !Ref TaskSecurityGroup\n", "            - \(Self.externalGroup)\n"))
    Self.expect(["8.2", "8.3"], in: matrix, are: .needsEvidence, naming: ["\(Self.externalGroup) on Service"])
  }

  /// Capacity providers and Container Insights are settings of a cluster this template
  /// does not define: named, not passed.
  @Test(arguments: ["arn:aws:ecs:us-east-1:123456789012:cluster/shared", "shared-cluster"])
  func serviceInAClusterOutsideTheTemplateNeedsEvidenceNamingIt(cluster: String) throws {
    let matrix = try Self.matrix(.edit(.template, "      Cluster: !Ref Cluster\n", "      Cluster: \(cluster)\n"))
    Self.expect(["3.1", "3.4", "9.3", "9.7"], in: matrix, are: .needsEvidence, naming: ["Service runs in cluster \(cluster)"])
  }

  @Test func serviceWithoutClusterRunsInTheDefaultClusterAndNeedsEvidence() throws {
    let matrix = try Self.matrix(.edit(.template, "      Cluster: !Ref Cluster\n", ""))
    Self.expect(["3.1", "3.4"], in: matrix, are: .needsEvidence, naming: ["Service runs in the account's default cluster"])
  }

  // MARK: Scaling policies

  static func scalingPolicyTarget(resourceID: String) -> RuleExample.Edit {
    .edit(
      .template, "      ScalingTargetId: !Ref ScalableTarget\n",
      "      ServiceNamespace: ecs\n      ScalableDimension: ecs:service:DesiredCount\n      ResourceId: !Sub \"\(resourceID)\"\n")
  }

  /// A policy may name its target by namespace, dimension and resource ID instead of
  /// `ScalingTargetId`: the same values written in another place count.
  @Test func scalingPolicyMatchedByNamespaceDimensionAndResourceIdCounts() throws {
    let matrix = try Self.matrix(Self.scalingPolicyTarget(resourceID: "service/${Cluster}/${Service.Name}"))
    Self.expect(["7.2", "7.3", "7.4", "7.5"], in: matrix, are: .pass)
  }

  @Test func scalingPolicyWithAnotherResourceIdDoesNotCount() throws {
    let matrix = try Self.matrix(Self.scalingPolicyTarget(resourceID: "service/${Cluster}/another-service"))
    Self.expect(["7.2"], in: matrix, are: .fail)
  }

  // MARK: Locations

  /// A finding about a flow mapping points at its first key, not at the `{` a line above.
  @Test func findingOnAFlowMappingPointsAtItsFirstKey() throws {
    let flow = RuleExample.Edit.edit(
      .template, "      ClusterSettings:\n        - Name: containerInsights\n          Value: enabled\n",
      "      ClusterSettings:\n        - {\n            Name: containerInsights,\n            Value: disabled\n          }\n")
    let matrix = try Self.matrix(flow)
    let line = try Self.line(of: "            Name: containerInsights,", after: flow)
    let rows = Self.rows("3.4", of: matrix)
    #expect(!rows.isEmpty)
    for row in rows {
      #expect(row.status == .fail)
      #expect(row.findings.map(\.location).contains(Diagnostics.SourceLocation(file: Self.template, line: line, column: 13)), "\(Self.describe([row]))")
    }
  }
}
