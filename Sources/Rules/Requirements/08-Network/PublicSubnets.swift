import TemplateModel

/// Which subnets of a template are public: associated with a route table whose default
/// route (0.0.0.0/0) goes to an internet gateway.
/// Reference: "Subnets for your VPC: subnet types",
/// https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types
enum PublicSubnets {
  static func publicSubnets(in template: EvaluatedTemplate) -> Set<String> {
    let gateways = Set(template.resources(ofType: "AWS::EC2::InternetGateway").map(\.logicalID))
    let publicTables = Set(template.resources(ofType: "AWS::EC2::Route").compactMap { route -> String? in
      guard route["DestinationCidrBlock"]?.string == "0.0.0.0/0",
        let gateway = route["GatewayId"]?.referencedResource, gateways.contains(gateway)
      else { return nil }
      return route["RouteTableId"]?.referencedResource
    })
    return Set(template.resources(ofType: "AWS::EC2::SubnetRouteTableAssociation").compactMap { association -> String? in
      guard let table = association["RouteTableId"]?.referencedResource, publicTables.contains(table) else { return nil }
      return association["SubnetId"]?.referencedResource
    })
  }

  static func natGateways(in template: EvaluatedTemplate) -> [EvaluatedResource] {
    template.resources(ofType: "AWS::EC2::NatGateway")
  }
}
