import Diagnostics
import Foundation
import TemplateModel

/// The monthly cost of an evaluated template with a given number of tasks running all
/// month in each ECS service: a pure function of the template, the price list and the
/// assumptions.
///
/// What it prices (730 h a month):
/// - tasks: vCPU and memory of the service's task definition × hours, split between
///   FARGATE and FARGATE_SPOT by the placement that really applies
///   (`EvaluatedTemplate.placement(of:)`: a service `LaunchType` overrides every
///   strategy; bases first, then weights); Spot at `assumptions.spotDiscount` off;
/// - each Application Load Balancer: hours plus `assumptions.lcuPerLoadBalancer` LCU-hours;
/// - public IPv4 addresses: one per task when the service assigns public IPs, one per
///   subnet (Availability Zone) of an internet-facing load balancer with public IPv4,
///   each Elastic IP, each public NAT gateway without an Elastic IP of this template;
/// - NAT gateway hours (data processing is not modelled);
/// - CloudWatch Logs: ingestion per task and the volume kept by the log group's retention;
/// - ECR storage: images kept × GB per image, per repository.
///
/// A nested stack's resources are not read: each nested stack is listed as unpriced, as is
/// every AWS resource type outside `accountedTypes`.
/// Not modelled: data transfer, NAT data processing, CloudWatch metrics and alarms
/// (Container Insights), Route 53, SNS; ACM public certificates are free.
public enum MonthlyCostModel {
  /// What the model leaves out, for printing beside the figures.
  public static let notModelled = "data transfer out, NAT gateway data processing, CloudWatch metrics and alarms (Container Insights), Route 53 hosted zones and queries, SNS; ACM public certificates are free"

  /// The AWS resource types the model accounts for: those it prices, those with no charge
  /// of their own (networking, IAM, listeners and target groups, scaling, public ACM
  /// certificates, task definitions), and those `notModelled` names. Any other AWS type
  /// (an EC2 instance, a database, a Lambda function) is listed as not priced, so a
  /// figure under a budget is a lower bound.
  public static let accountedTypes: Set<String> = [
    // Priced.
    "AWS::ECS::Service", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::EC2::EIP", "AWS::EC2::NatGateway", "AWS::ECR::Repository",
    "AWS::Logs::LogGroup",
    // Listed as not priced with a reason of their own (`compute`).
    "AWS::ElasticLoadBalancing::LoadBalancer",
    // No charge of their own.
    "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::ClusterCapacityProviderAssociations", "AWS::ECS::CapacityProvider",
    "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule", "AWS::ElasticLoadBalancingV2::ListenerCertificate",
    "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::InternetGateway", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::VPCCidrBlock", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::NetworkAcl",
    "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::DHCPOptions", "AWS::EC2::VPCDHCPOptionsAssociation",
    "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::CertificateManager::Certificate", "AWS::ECR::RegistryPolicy", "AWS::ECR::ReplicationConfiguration",
    "AWS::CloudFormation::WaitCondition", "AWS::CloudFormation::WaitConditionHandle",
    // Named in `notModelled`.
    "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::Logs::MetricFilter", "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup",
    "AWS::Route53::HostedZone", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::SNS::TopicPolicy",
  ]

  public static func compute(_ template: EvaluatedTemplate, tasks: Int, prices: PriceList = .usEast1, assumptions: CostAssumptions) -> CostBreakdown {
    var builder = Builder(template: template, tasks: tasks, prices: prices, assumptions: assumptions)
    for service in template.services { builder.addService(service) }
    for balancer in template.loadBalancers { builder.addLoadBalancer(balancer) }
    for classic in template.resources(ofType: "AWS::ElasticLoadBalancing::LoadBalancer") {
      builder.unpriced.append(UnpricedItem(classic.logicalID, "a Classic Load Balancer is not in the price list", at: classic.location))
    }
    for resource in template.resources {
      if ResourceTypes.nestedStackTypes.contains(resource.type) {
        // Its template is not read: its load balancers, NAT gateways and tasks cost money
        // this figure does not show.
        builder.unpriced.append(UnpricedItem(resource.logicalID, "a nested stack (\(resource.type)): the resources of its template are not read", at: resource.location))
      } else if resource.type.hasPrefix("AWS::"), !Self.accountedTypes.contains(resource.type) {
        builder.unpriced.append(UnpricedItem(resource.logicalID, "\(resource.type) is not in the cost model", at: resource.location))
      }
    }
    builder.addElasticIPsAndNATGateways()
    for repository in template.resources(ofType: "AWS::ECR::Repository") { builder.addRepository(repository) }
    return CostBreakdown(
      environment: template.scenario.environment, tasks: tasks, lines: builder.lines, unpriced: builder.unpriced,
      assumptions: assumptions, prices: prices, deployRegion: template.scenario.configuration.region?.value.literal)
  }

  /// Accumulates lines and unpriced items for one template.
  struct Builder {
    let template: EvaluatedTemplate
    let tasks: Int
    let prices: PriceList
    let assumptions: CostAssumptions
    var lines: [CostLine] = []
    var unpriced: [UnpricedItem] = []

    var hours: Double { prices.hoursPerMonth }
    var tasksText: String { tasks == 1 ? "1 task" : "\(tasks) tasks" }

    mutating func addService(_ service: EvaluatedResource) {
      addTasks(of: service)
      addTaskAddresses(of: service)
      addLogs(of: service)
    }

    // MARK: Tasks

    mutating func addTasks(of service: EvaluatedResource) {
      guard tasks > 0 else { return }
      guard let size = taskSize(of: service) else { return }
      switch template.placement(of: service) {
      case .launchType(let launchType, let alsoHasStrategy):
        if alsoHasStrategy {
          unpriced.append(UnpricedItem(service.logicalID, "sets both LaunchType and CapacityProviderStrategy, which ECS rejects", at: launchType.location))
        } else if launchType.string == "FARGATE" {
          addShare(service, provider: "FARGATE", tasks: Double(tasks), size: size, why: "LaunchType FARGATE overrides every capacity provider strategy", at: launchType.location)
        } else {
          unpriced.append(UnpricedItem(service.logicalID, "LaunchType \(launchType.display): its instances are not in the price list", at: launchType.location))
        }
      case .strategy(let strategy):
        let (shares, unplaced) = strategy.split(tasks: tasks)
        let origin = strategy.origin == .service ? "\(service.logicalID)'s own strategy" : "the cluster's default strategy"
        for share in shares {
          addShare(service, provider: share.provider, tasks: share.tasks, size: size, why: "\(origin) [\(strategy.display)]", at: strategy.item(share.provider)?.location ?? strategy.location)
        }
        if unplaced > 0 {
          unpriced.append(UnpricedItem(service.logicalID, "\(Self.number(unplaced)) task(s) fit no capacity provider of [\(strategy.display)] (every weight is 0)", at: strategy.location))
        }
      case .clusterOutsideTemplate(let cluster):
        unpriced.append(UnpricedItem(service.logicalID, "no CapacityProviderStrategy and its cluster \(cluster?.display ?? "(default)") is outside the template: where its tasks run is unknown", at: cluster?.location ?? service.location))
      case .noDefaultStrategy(let cluster):
        unpriced.append(UnpricedItem(service.logicalID, "no CapacityProviderStrategy and cluster \(cluster.logicalID) has no default one: tasks run on the default launch type, which is not priced", at: cluster.location))
      }
    }

    struct Size {
      var vCPU: Double
      var gigabytes: Double
      var arm: Bool
      var note: String
    }

    /// The task definition's size and architecture, or nil (with an unpriced item).
    mutating func taskSize(of service: EvaluatedResource) -> Size? {
      guard let definition = template.taskDefinition(of: service) else {
        unpriced.append(UnpricedItem(service.logicalID, "its task definition \(service["TaskDefinition"]?.display ?? "(none)") is not an \(EvaluatedTemplate.ecsTaskDefinition) of this template: task size unknown", at: service["TaskDefinition"]?.location ?? service.location))
        return nil
      }
      var notes: [String] = []
      let cpu = definition["Cpu"]?.string.flatMap(TaskSize.cpuUnits) ?? assumptions.fallbackCPUUnits.map { units in
        notes.append("Cpu \(definition["Cpu"]?.display ?? "absent"): requirement 4.1's \(units) units used")
        return units
      }
      let memory = definition["Memory"]?.string.flatMap(TaskSize.mebibytes) ?? assumptions.fallbackMemoryMiB.map { mebibytes in
        notes.append("Memory \(definition["Memory"]?.display ?? "absent"): requirement 4.2's \(mebibytes) MiB used")
        return mebibytes
      }
      guard let cpu, let memory else {
        unpriced.append(UnpricedItem(definition.logicalID, "task Cpu/Memory not known before deploy", at: definition.location))
        return nil
      }
      let platform = definition["RuntimePlatform"]
      if let family = platform?["OperatingSystemFamily"]?.string, family.hasPrefix("WINDOWS") {
        unpriced.append(UnpricedItem(definition.logicalID, "\(family) tasks (Windows prices and license fees are not in the price list)", at: platform!.location))
        return nil
      }
      let architecture = platform?["CpuArchitecture"]
      if let architecture, architecture.string == nil { notes.append("CpuArchitecture \(architecture.display) unknown: X86_64 prices used") }
      return Size(vCPU: Double(cpu) / 1024, gigabytes: Double(memory) / 1024, arm: architecture?.string == "ARM64", note: notes.joined(separator: "; "))
    }

    mutating func addShare(_ service: EvaluatedResource, provider: String, tasks count: Double, size: Size, why: String, at location: SourceLocation) {
      let vCPUPrice = size.arm ? prices.fargateLinuxARMVCPU : prices.fargateLinuxX86VCPU
      let memoryPrice = size.arm ? prices.fargateLinuxARMMemory : prices.fargateLinuxX86Memory
      let perTaskHour = size.vCPU * vCPUPrice.usd + size.gigabytes * memoryPrice.usd
      let base = "\(Self.number(count)) task(s) × (\(Self.number(size.vCPU)) vCPU × $\(vCPUPrice.usd) + \(Self.number(size.gigabytes)) GB × $\(memoryPrice.usd)) × \(Self.number(hours)) h"
      let note = ([why] + (size.note.isEmpty ? [] : [size.note])).joined(separator: "; ")
      switch provider {
      case "FARGATE":
        lines.append(CostLine(.fargate, resource: service.logicalID, item: "\(Self.number(count)) task(s) on FARGATE\(size.arm ? " (ARM64)" : "")",
          quantity: count, unit: "tasks", formula: "\(base) (\(note))", usd: count * perTaskHour * hours, at: location))
      case "FARGATE_SPOT":
        guard !size.arm else {
          unpriced.append(UnpricedItem(service.logicalID, "\(Self.number(count)) ARM64 task(s) on FARGATE_SPOT, which runs X86_64 tasks only", at: location))
          return
        }
        let factor = 1 - assumptions.spotDiscount
        lines.append(CostLine(.fargateSpot, resource: service.logicalID, item: "\(Self.number(count)) task(s) on FARGATE_SPOT",
          quantity: count, unit: "tasks", formula: "\(base) × (1 − \(Self.number(assumptions.spotDiscount)) Spot discount) (\(note))", usd: count * perTaskHour * hours * factor, at: location))
      default:
        unpriced.append(UnpricedItem(service.logicalID, "\(Self.number(count)) task(s) on capacity provider \(provider) (EC2 instances are not in the price list)", at: location))
      }
    }

    // MARK: Public IPv4

    mutating func addTaskAddresses(of service: EvaluatedResource) {
      guard tasks > 0, let assign = service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["AssignPublicIp"], assign.string == "ENABLED" else { return }
      let price = prices.publicIPv4Address
      lines.append(CostLine(.publicIPv4, resource: service.logicalID, item: "\(tasksText) with a public IPv4 address (AssignPublicIp ENABLED)",
        quantity: Double(tasks), unit: "addresses", formula: "\(tasks) address(es) × \(Self.number(hours)) h × $\(price.usd)",
        usd: Double(tasks) * hours * price.usd, at: assign.location))
    }

    // MARK: Load balancers

    mutating func addLoadBalancer(_ balancer: EvaluatedResource) {
      let type = balancer["Type"]?.string ?? "application"
      guard type == "application" else {
        unpriced.append(UnpricedItem(balancer.logicalID, "a load balancer of Type \(type) is not in the price list", at: balancer["Type"]?.location ?? balancer.location))
        addBalancerAddresses(balancer)
        return
      }
      let hourly = prices.applicationLoadBalancer
      lines.append(CostLine(.loadBalancer, resource: balancer.logicalID, item: "Application Load Balancer hours", quantity: hours, unit: "hours",
        formula: "\(Self.number(hours)) h × $\(hourly.usd)", usd: hours * hourly.usd, at: balancer.location))
      let lcu = prices.applicationLoadBalancerLCU
      let units = assumptions.lcuPerLoadBalancer
      lines.append(CostLine(.loadBalancer, resource: balancer.logicalID, item: "load balancer capacity units (\(Self.number(units)) LCU assumed)", quantity: units * hours, unit: "LCU-hours",
        formula: "\(Self.number(units)) LCU × \(Self.number(hours)) h × $\(lcu.usd)", usd: units * hours * lcu.usd, at: balancer.location))
      addBalancerAddresses(balancer)
    }

    /// One public IPv4 address per subnet (one subnet per Availability Zone) of an
    /// internet-facing load balancer that has public IPv4 (`ipv4`, `dualstack`; not
    /// `dualstack-without-public-ipv4`). Reference: "Public IPv4 addresses" in
    /// https://aws.amazon.com/vpc/pricing/ and AWS::ElasticLoadBalancingV2::LoadBalancer.
    mutating func addBalancerAddresses(_ balancer: EvaluatedResource) {
      let scheme = balancer["Scheme"]?.string ?? "internet-facing"
      let addressType = balancer["IpAddressType"]?.string ?? "ipv4"
      guard scheme == "internet-facing", addressType != "dualstack-without-public-ipv4" else { return }
      let subnets = balancer["SubnetMappings"]?.list?.count ?? balancer["Subnets"]?.list?.count ?? 0
      guard subnets > 0 else {
        unpriced.append(UnpricedItem(balancer.logicalID, "internet-facing, but its subnets (so its public IPv4 addresses) are not known", at: balancer.location))
        return
      }
      let price = prices.publicIPv4Address
      lines.append(CostLine(.publicIPv4, resource: balancer.logicalID, item: "internet-facing load balancer in \(subnets) Availability Zone(s), one address each",
        quantity: Double(subnets), unit: "addresses", formula: "\(subnets) address(es) × \(Self.number(hours)) h × $\(price.usd)",
        usd: Double(subnets) * hours * price.usd, at: balancer["Subnets"]?.location ?? balancer["SubnetMappings"]?.location ?? balancer.location))
    }

    // MARK: NAT gateways and Elastic IPs

    mutating func addElasticIPsAndNATGateways() {
      let address = prices.publicIPv4Address
      let elasticIPs = Set(template.resources(ofType: "AWS::EC2::EIP").map(\.logicalID))
      for eip in template.resources(ofType: "AWS::EC2::EIP") {
        lines.append(CostLine(.publicIPv4, resource: eip.logicalID, item: "Elastic IP address", quantity: 1, unit: "addresses",
          formula: "1 address × \(Self.number(hours)) h × $\(address.usd)", usd: hours * address.usd, at: eip.location))
      }
      for gateway in template.resources(ofType: "AWS::EC2::NatGateway") {
        let nat = prices.natGateway
        lines.append(CostLine(.natGateway, resource: gateway.logicalID, item: "NAT gateway hours (data processing not modelled)", quantity: hours, unit: "hours",
          formula: "\(Self.number(hours)) h × $\(nat.usd)", usd: hours * nat.usd, at: gateway.location))
        let isPublic = (gateway["ConnectivityType"]?.string ?? "public") == "public"
        let ownEIP = gateway["AllocationId"]?.referencedResource.map(elasticIPs.contains) ?? false
        if isPublic && !ownEIP {
          lines.append(CostLine(.publicIPv4, resource: gateway.logicalID, item: "public NAT gateway's address (an Elastic IP outside the template)", quantity: 1, unit: "addresses",
            formula: "1 address × \(Self.number(hours)) h × $\(address.usd)", usd: hours * address.usd, at: gateway.location))
        }
      }
    }

    // MARK: Logs

    /// Ingestion of `assumptions.logGBPerTaskMonth` per task for a service whose
    /// containers log with the awslogs driver, and the volume its group keeps: a month's
    /// ingestion × retention days / days per month (30.42), or a year's ingestion when
    /// the group never expires events.
    /// Reference: https://aws.amazon.com/cloudwatch/pricing/ and AWS::Logs::LogGroup RetentionInDays.
    mutating func addLogs(of service: EvaluatedResource) {
      guard tasks > 0, let definition = template.taskDefinition(of: service) else { return }
      let logging = template.containers(of: definition).compactMap { $0["LogConfiguration"] }.first { $0["LogDriver"]?.string == "awslogs" }
      guard let logging else { return }
      let ingested = Double(tasks) * assumptions.logGBPerTaskMonth
      let ingest = prices.logsIngested
      lines.append(CostLine(.logs, resource: service.logicalID, item: "logs ingested (\(Self.number(assumptions.logGBPerTaskMonth)) GB per task assumed)", quantity: ingested, unit: "GB",
        formula: "\(tasks) task(s) × \(Self.number(assumptions.logGBPerTaskMonth)) GB × $\(ingest.usd)", usd: ingested * ingest.usd, at: logging.location))
      let group = template.resource(referencedBy: logging["Options"]?["awslogs-group"], ofType: EvaluatedTemplate.logGroupType)
      let daysPerMonth = hours / 24
      let stored: Double
      let how: String
      if let retention = group?["RetentionInDays"]?.int {
        stored = ingested * Double(retention) / daysPerMonth
        how = "\(Self.number(ingested)) GB/month kept \(retention) days ≈ \(Self.number(stored)) GB"
      } else {
        stored = ingested * 12
        how = "\(group.map { "\($0.logicalID) has no RetentionInDays" } ?? "log group outside the template"): never expires, a year's \(Self.number(stored)) GB"
      }
      let storage = prices.logsStored
      lines.append(CostLine(.logs, resource: group?.logicalID ?? service.logicalID, item: "logs stored", quantity: stored, unit: "GB-months",
        formula: "\(how) × $\(storage.usd)", usd: stored * storage.usd, at: group?["RetentionInDays"]?.location ?? group?.location ?? logging.location))
    }

    // MARK: Registry

    mutating func addRepository(_ repository: EvaluatedResource) {
      let gigabytes = Double(assumptions.imagesStored) * assumptions.imageGB
      let price = prices.ecrStorage
      lines.append(CostLine(.registry, resource: repository.logicalID, item: "\(assumptions.imagesStored) images of \(Self.number(assumptions.imageGB)) GB stored", quantity: gigabytes, unit: "GB-months",
        formula: "\(assumptions.imagesStored) × \(Self.number(assumptions.imageGB)) GB × $\(price.usd)", usd: gigabytes * price.usd, at: repository.location))
    }

    /// "2", "0.5", "0.23": a quantity for formulas (at most 3 decimals, no trailing zeros).
    static func number(_ value: Double) -> String {
      if let whole = Int(exactly: value) { return String(whole) }
      var text = value.fixedPointText(fractionDigits: 3)
      while text.hasSuffix("0") { text.removeLast() }
      return text
    }
  }
}
