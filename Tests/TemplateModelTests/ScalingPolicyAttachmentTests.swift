import Testing
@testable import TemplateModel

/// Scaling policies that name their target by `ServiceNamespace`, `ScalableDimension` and
/// `ResourceId`: attached when the three are the same as a target's however written
/// (`scalingPolicies(of:)`), possibly attached when only deploy time can compare them
/// (`undecidedScalingPolicies(of:)`), with the properties that could not be compared.
@Suite struct ScalingPolicyAttachmentTests {
  static let yaml = """
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Dimension: {Type: String}
    Resources:
      Cluster: {Type: AWS::ECS::Cluster}
      Web:
        Type: AWS::ECS::Service
        Properties: {Cluster: !Ref Cluster}
      WebTarget:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ApiTarget:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: service/main/api
      ById:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties: {ScalingTargetId: !Ref WebTarget}
      ByJoin:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Web.Name]]
      ByClusterName:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/main/${Web.Name}
      ByDimensionParameter:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: !Ref Dimension
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ByOtherResource:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub table/${Cluster}/${Web.Name}
      ByOtherNamespace:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: dynamodb
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/main/${Web.Name}
      ApiByValue:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: service/main/api
    """

  @Test func attachedByTargetIDOrTheSameValuesHoweverWritten() throws {
    let template = try evaluate(Self.yaml)
    let policies = { (id: String) in template.scalingPolicies(of: try #require(template.resource(id))).map(\.logicalID) }
    #expect(try policies("WebTarget") == ["ById", "ByJoin"])
    #expect(try policies("ApiTarget") == ["ApiByValue"])
  }

  @Test func undecidedWhenOnlyDeployTimeCanCompare() throws {
    let template = try evaluate(Self.yaml)
    let web = try #require(template.resource("WebTarget"))
    let undecided = Array(template.undecidedScalingPolicies(of: web))
    // ByClusterName: the cluster's name is only known at deploy time; ByDimensionParameter:
    // a parameter without a value. ByOtherResource and ByOtherNamespace differ in known
    // text; ApiByValue is ApiTarget's (its resource ID could be WebTarget's, but two
    // targets of one stack for one resource would not deploy); ById and ByJoin are attached.
    #expect(undecided.map(\.policy.logicalID) == ["ByClusterName", "ByDimensionParameter"])
    #expect(undecided.map(\.undecidedProperties) == [["ResourceId"], ["ScalableDimension"]])
    #expect(undecided.allSatisfy { $0.comparison == .undecided && $0.target.logicalID == "WebTarget" })
    let api = try #require(template.resource("ApiTarget"))
    // service/main/${Web.Name} and service/${Cluster}/${Web.Name} could be service/main/api.
    #expect(Array(template.undecidedScalingPolicies(of: api)).map(\.policy.logicalID) == ["ByClusterName", "ByDimensionParameter"])
  }

  @Test func comparisonOfEachPolicy() throws {
    let template = try evaluate(Self.yaml)
    let web = try #require(template.resource("WebTarget"))
    let comparison = { (id: String) in ScalingPolicyAttachment(policy: try #require(template.resource(id)), target: web).comparison }
    #expect(try comparison("ByJoin") == .same)
    #expect(try comparison("ByClusterName") == .undecided)
    #expect(try comparison("ByOtherResource") == .different)
    #expect(try comparison("ByOtherNamespace") == .different)
    // Without the three properties (it names its target by ScalingTargetId) a policy is not
    // attached by value.
    #expect(try comparison("ById") == .different)
  }

  /// `!Ref Cluster` is the cluster's `ClusterName` and `!GetAtt Web.Name` the service's
  /// `ServiceName` when the template gives them: a literal resource ID is then attached
  /// or decidedly not, and a symbolic cluster with a known service name compares by it.
  @Test func clusterAndServiceNamesTheTemplateGives() throws {
    let template = try evaluate("""
      AWSTemplateFormatVersion: "2010-09-09"
      Parameters:
        Stage: {Type: String, Default: dev}
      Resources:
        Cluster:
          Type: AWS::ECS::Cluster
          Properties: {ClusterName: !Sub "main-${Stage}"}
        Web:
          Type: AWS::ECS::Service
          Properties: {Cluster: !Ref Cluster, ServiceName: web}
        Target:
          Type: AWS::ApplicationAutoScaling::ScalableTarget
          Properties:
            ServiceNamespace: ecs
            ScalableDimension: ecs:service:DesiredCount
            ResourceId: !Sub service/${Cluster}/${Web.Name}
        Literal:
          Type: AWS::ApplicationAutoScaling::ScalingPolicy
          Properties: {ServiceNamespace: ecs, ScalableDimension: ecs:service:DesiredCount, ResourceId: service/main-dev/web}
        OtherService:
          Type: AWS::ApplicationAutoScaling::ScalingPolicy
          Properties: {ServiceNamespace: ecs, ScalableDimension: ecs:service:DesiredCount, ResourceId: !Sub "service/${Cluster}/api"}
        Imported:
          Type: AWS::ApplicationAutoScaling::ScalingPolicy
          Properties:
            ServiceNamespace: ecs
            ScalableDimension: ecs:service:DesiredCount
            ResourceId: !Join ["/", [service, !ImportValue cluster-name, web]]
      """)
    let target = try #require(template.resource("Target"))
    #expect(template.scalingPolicies(of: target).map(\.logicalID) == ["Literal"])
    let undecided = Array(template.undecidedScalingPolicies(of: target))
    #expect(undecided.map(\.policy.logicalID) == ["Imported"])
    #expect(undecided.map(\.undecidedProperties) == [["ResourceId"]])
  }
}
