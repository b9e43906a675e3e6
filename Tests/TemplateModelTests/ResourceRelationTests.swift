import Testing
@testable import TemplateModel

/// The relations an evaluated template answers from its one-pass index: resources by
/// type, scalable targets by the service they scale, scaling policies by their target.
/// Each is checked against what a scan of every resource gives, in document order.
@Suite struct ResourceRelationTests {
  static let yaml = """
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      Cluster: {Type: AWS::ECS::Cluster}
      Web:
        Type: AWS::ECS::Service
        Properties: {Cluster: !Ref Cluster, ServiceName: web}
      Api:
        Type: AWS::ECS::Service
        Properties: {Cluster: !Ref Cluster, ServiceName: api}
      Other:
        Type: AWS::ECS::Service
        Properties: {Cluster: !Ref Cluster}
      WebBySub:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ApiByName:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: service/main/api
      WebAndApiByBoth:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Web.Name, api]]
      WebOtherDimension:
        Type: AWS::ApplicationAutoScaling::ScalableTarget
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: dynamodb:table:ReadCapacityUnits
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ById:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties: {ScalingTargetId: !Ref WebBySub, PolicyType: TargetTrackingScaling}
      ByValue:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ByValueOtherNamespace:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ServiceNamespace: custom-resource
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/${Cluster}/${Web.Name}
      ByIdElsewhere:
        Type: AWS::ApplicationAutoScaling::ScalingPolicy
        Properties:
          ScalingTargetId: !Ref ApiByName
          ServiceNamespace: ecs
          ScalableDimension: ecs:service:DesiredCount
          ResourceId: !Sub service/${Cluster}/${Web.Name}
    """

  @Test func resourcesOfTypeInDocumentOrder() throws {
    let template = try evaluate(Self.yaml)
    #expect(template.services.map(\.logicalID) == ["Web", "Api", "Other"])
    #expect(template.resources(ofType: "AWS::ApplicationAutoScaling::ScalableTarget").map(\.logicalID) == ["WebBySub", "ApiByName", "WebAndApiByBoth", "WebOtherDimension"])
    #expect(template.resources(ofType: "AWS::S3::Bucket").isEmpty)
  }

  @Test func scalableTargetsByMentionOrServiceName() throws {
    let template = try evaluate(Self.yaml)
    let targets = { (id: String) in template.scalableTargets(of: try #require(template.resource(id))).map(\.logicalID) }
    // Mentioned by !Sub or !GetAtt, or a known ResourceId ending in /ServiceName (an
    // unresolved !Join naming `api` is not a known string); only the DesiredCount dimension.
    #expect(try targets("Web") == ["WebBySub", "WebAndApiByBoth"])
    #expect(try targets("Api") == ["ApiByName"])
    #expect(try targets("Other").isEmpty)
  }

  @Test func scalingPoliciesByTargetIDOrSameValues() throws {
    let template = try evaluate(Self.yaml)
    let policies = { (id: String) in template.scalingPolicies(of: try #require(template.resource(id))).map(\.logicalID) }
    // ScalingTargetId decides when present (ByIdElsewhere names ApiByName, though its
    // other values are WebBySub's); otherwise all three values must be the same.
    #expect(try policies("WebBySub") == ["ById", "ByValue"])
    #expect(try policies("ApiByName") == ["ByIdElsewhere"])
    #expect(try policies("WebAndApiByBoth").isEmpty)
  }

  @Test func indexFollowsResourcesWhenTheyChange() throws {
    var template = try evaluate(Self.yaml)
    template.resources.removeAll { $0.logicalID == "WebBySub" }
    #expect(template.scalableTargets(of: try #require(template.resource("Web"))).map(\.logicalID) == ["WebAndApiByBoth"])
    #expect(template.resource("ById") != nil)
    #expect(template.scalingPolicies(of: try #require(template.resource("WebOtherDimension"))).isEmpty)
  }

  @Test func securityGroupRulesInlineThenStandaloneByGroupID() throws {
    let template = try evaluate("""
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        Tasks:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: tasks
            SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8501, ToPort: 8501, CidrIp: 10.0.0.0/16}]
        Other:
          Type: AWS::EC2::SecurityGroup
          Properties: {GroupDescription: other}
        ByRef:
          Type: AWS::EC2::SecurityGroupIngress
          Properties: {GroupId: !Ref Tasks, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        ByGetAtt:
          Type: AWS::EC2::SecurityGroupIngress
          Properties: {GroupId: !GetAtt Tasks.GroupId, IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
        OtherIngress:
          Type: AWS::EC2::SecurityGroupIngress
          Properties: {GroupId: !Ref Other, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        TasksEgress:
          Type: AWS::EC2::SecurityGroupEgress
          Properties: {GroupId: !Ref Tasks, IpProtocol: "-1", CidrIp: 0.0.0.0/0}
      """)
    #expect(template.securityGroupRules(.ingress, of: "Tasks").map(\.path) == [
      "Resources/Tasks/Properties/SecurityGroupIngress/0", "Resources/ByRef", "Resources/ByGetAtt",
    ])
    #expect(template.securityGroupRules(.egress, of: "Tasks").map(\.path) == ["Resources/TasksEgress"])
    #expect(template.hasExplicitEgress("Tasks") && !template.hasExplicitEgress("Other"))
    #expect(template.securityGroupRules(.ingress, of: "Other").map(\.path) == ["Resources/OtherIngress"])
  }
}
