import Diagnostics
import Foundation
import ProjectModel
import Requirements
import Testing
@testable import Rules

/// Rows 7.2 to 7.6 on copies of this repository whose CPU policy names its scalable target
/// by `ServiceNamespace`, `ScalableDimension` and `ResourceId` instead of `ScalingTargetId`:
/// the same values however written pass; values only deploy time can compare give
/// needs-evidence naming the policy and the values, at the policy; a value that decidedly
/// differs fails, as a missing policy does.
@Suite struct ScalingPolicyVerdictTests {
  static let rows: [RequirementID] = ["7.2", "7.3", "7.4", "7.5", "7.6"]

  /// Every env's verdict of requirement `id` over every rule that decides it.
  static func verdicts(_ id: RequirementID, _ edits: [RuleExample.Edit]) throws -> [Verdict] {
    let project = try load(edits)
    return RuleEngine.run(RuleCatalog.all.filter { $0.definition.requirements.contains(id) }, on: project).map { $0.verdict(for: id) }
  }

  static func load(_ edits: [RuleExample.Edit]) throws -> Project {
    let workspace = try Workspace()
    defer { workspace.remove() }
    for edit in edits { try workspace.apply(edit) }
    return try workspace.load()
  }

  @Test func valuesOnlyDeployTimeCanCompareNeedEvidence() throws {
    for id in Self.rows {
      let verdicts = try Self.verdicts(id, [.policyNamingItsTargetByImportedClusterName])
      #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.status == .needsEvidence }, "\(id): \(verdicts.map { "\($0.status): \($0.note) \($0.findings.map(\.message))" })")
      for verdict in verdicts {
        #expect(verdict.note.contains("unless CpuScalingPolicy scales it"), "\(id): \(verdict.note)")
        #expect(verdict.note.contains("CpuScalingPolicy's ResourceId service/${!ImportValue vibejudge-cluster-name}/${Service.Name} (infra/template.yaml:538:19)"), "\(id): \(verdict.note)")
        #expect(verdict.note.contains("ScalableTarget's service/${Cluster}/${Service.Name} (infra/template.yaml:526:19)"), "\(id): \(verdict.note)")
        // At the policy, then the two values.
        #expect(verdict.evidence.first == SourceLocation(file: "infra/template.yaml", line: 530, column: 3), "\(id): \(verdict.evidence)")
        #expect(verdict.evidence.contains(SourceLocation(file: "infra/template.yaml", line: 526, column: 19)))
      }
    }
  }

  /// Written as a Join, or with the cluster's and the service's names as the template
  /// gives them (`ClusterName`, `ServiceName`).
  @Test(arguments: [RuleExample.Edit.policyNamingItsTargetByJoin, .policyNamingItsTargetByClusterName])
  func theSameValuesWrittenOtherwisePass(_ edit: RuleExample.Edit) throws {
    for id in Self.rows {
      let verdicts = try Self.verdicts(id, [edit])
      #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.status == .pass }, "\(id): \(verdicts.map { "\($0.status): \($0.note)" })")
    }
  }

  @Test func aDecidedlyDifferentDimensionFails() throws {
    for id in Self.rows {
      let verdicts = try Self.verdicts(id, [.policyNamingAnotherDimension])
      #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.status == .fail }, "\(id): \(verdicts.map { "\($0.status): \($0.note)" })")
      #expect(verdicts.flatMap(\.findings).allSatisfy { $0.message.contains("ScalableTarget has no") })
    }
  }

  /// The policy that may be attached tracks CPU at 90 %: 7.2 fails whether it is attached
  /// (the wrong target value) or not (no policy), while 7.3 to 7.6, which only its absence
  /// would fail, need evidence.
  @Test func aPolicyThatWouldFailAnywayLeavesOnlyThatRequirementFailing() throws {
    let edits: [RuleExample.Edit] = [.policyNamingItsTargetByImportedClusterName, .edit(.template, "        TargetValue: 70", "        TargetValue: 90")]
    let target = try Self.verdicts("7.2", edits)
    #expect(!target.isEmpty && target.allSatisfy { $0.status == .fail }, "\(target.map { "\($0.status): \($0.note)" })")
    #expect(target.flatMap(\.findings).allSatisfy { $0.message.contains("ScalableTarget has no TargetTrackingScaling policy") && $0.requirements == ["7.2"] })
    for id in Self.rows.dropFirst() {
      let verdicts = try Self.verdicts(id, edits)
      #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.status == .needsEvidence && $0.note.contains("unless CpuScalingPolicy scales it") }, "\(id): \(verdicts.map { "\($0.status): \($0.note)" })")
    }
  }

  /// A second service whose own CPU policy tracks 90 %: 7.2 fails for it, and 7.3 (which
  /// that finding does not name) is needs-evidence for the first service, not a pass.
  @Test func aFailureElsewhereKeepsTheOtherRequirementUndecided() throws {
    let second = """
              DisableScaleIn: false

        Service2:
          Type: AWS::ECS::Service
          Properties:
            ServiceName: second
            Cluster: !Ref Cluster
            TaskDefinition: !Ref TaskDefinition

        ScalableTarget2:
          Type: AWS::ApplicationAutoScaling::ScalableTarget
          Properties:
            ServiceNamespace: ecs
            ScalableDimension: ecs:service:DesiredCount
            ResourceId: !Sub "service/${Cluster}/${Service2.Name}"
            MinCapacity: 2
            MaxCapacity: 10

        CpuScalingPolicy2:
          Type: AWS::ApplicationAutoScaling::ScalingPolicy
          Properties:
            PolicyName: cpu-90
            PolicyType: TargetTrackingScaling
            ScalingTargetId: !Ref ScalableTarget2
            TargetTrackingScalingPolicyConfiguration:
              PredefinedMetricSpecification:
                PredefinedMetricType: ECSServiceAverageCPUUtilization
              TargetValue: 90
              ScaleOutCooldown: 60
              ScaleInCooldown: 300
              DisableScaleIn: false

      """
    let edits: [RuleExample.Edit] = [.policyNamingItsTargetByImportedClusterName, .edit(.template, "        DisableScaleIn: false\n", second)]
    let target = try Self.verdicts("7.2", edits)
    #expect(target.allSatisfy { $0.status == .fail } && target.flatMap(\.findings).allSatisfy { $0.message.contains("CpuScalingPolicy2 has TargetValue 90") })
    let scaleIn = try Self.verdicts("7.3", edits)
    #expect(!scaleIn.isEmpty && scaleIn.allSatisfy { $0.status == .needsEvidence && $0.note.contains("unless CpuScalingPolicy scales it") }, "\(scaleIn.map { "\($0.status): \($0.note)" })")
  }

  /// Past the comparison limit a failing service whose policies were left uncompared is
  /// undecided, saying so; with the limit not reached it names the policy.
  @Test func policiesLeftUncomparedLeaveTheServiceUndecided() throws {
    let project = try Self.load([.policyNamingItsTargetByImportedClusterName])
    let environment = try #require(project.environments.first)
    let context = RuleContext(project: project, environment: environment, definition: CPUTargetTrackingRule.definition)
    let check = { (scaling: ServiceScaling) -> [Finding] in
      scaling.cpuPolicies.isEmpty ? [.error("\(scaling.target?.logicalID ?? "?") has no CPU policy", at: scaling.service.location)] : []
    }
    let limited = context.scaling("CPU", passNote: "CPU", comparingAtMost: 0, check)
    #expect(limited.status == .needsEvidence)
    #expect(limited.note.contains("ScalableTarget has no CPU policy, unless a scaling policy left uncompared scales it"), "\(limited.note)")
    let compared = context.scaling("CPU", passNote: "CPU", comparingAtMost: 1, check)
    #expect(compared.status == .needsEvidence && compared.note.contains("unless CpuScalingPolicy scales it"), "\(compared.note)")
    // A check that passes needs no comparison.
    #expect(context.scaling("CPU", passNote: "CPU", comparingAtMost: 0) { _ in [] }.status == .pass)
  }
}
