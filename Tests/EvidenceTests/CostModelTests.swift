import Foundation
@testable import ProjectModel
import Testing
@testable import Rules
import TemplateModel

/// The monthly cost model on this repository's template and edits of it, against figures
/// worked by hand from the price list (us-east-1, 2026, 730 h):
/// one 0.5 vCPU / 1 GB X86 task-month = (0.5 × 0.04048 + 1 × 0.004445) × 730 = 18.02005;
/// the ALB = 730 × 0.0225 + 1 LCU × 730 × 0.008 = 22.265; one public IPv4 address = 3.65;
/// ECR = 10 images × 0.25 GB × 0.10 = 0.25; logs per task = 0.5 GB × 0.50 ingested
/// + 0.5 GB × 7 / 30.41667 days kept × 0.03 = 0.25 + 0.00345205.
@Suite struct CostModelTests {
  static let taskMonth = 18.02005
  static let loadBalancer = 22.265
  static let address = 3.65
  static let registry = 0.25
  static let logsPerTask = 0.25 + 0.5 * 7 / (730.0 / 24) * 0.03

  /// The service's own strategy in this repository's template.
  static let strategy = "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 2\n          Weight: 0\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing"

  static func breakdown(_ edits: [(String, String)] = [], tasks: Int, env: String = "prod", assumptions: CostAssumptions? = nil) throws -> CostBreakdown {
    let copy = try RepositoryCopy(edits.map { ("infra/template.yaml", $0.0, $0.1) })
    defer { copy.remove() }
    let project = try copy.load()
    let environment = try #require(project.environment(env))
    return MonthlyCostModel.compute(environment, tasks: tasks, assumptions: assumptions ?? CostAssumptions.defaults(for: project))
  }

  static func close(_ actual: Double, _ expected: Double) -> Bool { abs(actual - expected) < 1e-6 }

  @Test("this repository: base 2 on FARGATE, the rest on FARGATE_SPOT, public IPs", arguments: ["dev", "prod"])
  func repository(_ env: String) throws {
    let two = try Self.breakdown(tasks: 2, env: env)
    #expect(Self.close(two.usd(.fargate), 2 * Self.taskMonth))
    #expect(two.usd(.fargateSpot) == 0)
    #expect(two.publicIPv4Addresses == 4)
    #expect(Self.close(two.totalUSD, 2 * Self.taskMonth + Self.loadBalancer + 4 * Self.address + Self.registry + 2 * Self.logsPerTask))
    #expect(CostBreakdown.dollars(two.totalUSD) == "$73.66")
    #expect(two.unpriced.isEmpty)

    let ten = try Self.breakdown(tasks: 10, env: env)
    #expect(Self.close(ten.usd(.fargate), 2 * Self.taskMonth))
    #expect(Self.close(ten.usd(.fargateSpot), 8 * Self.taskMonth * 0.3))
    #expect(ten.publicIPv4Addresses == 12)
    #expect(Self.close(ten.totalUSD, 2 * Self.taskMonth + 8 * Self.taskMonth * 0.3 + Self.loadBalancer + 12 * Self.address + Self.registry + 10 * Self.logsPerTask))
    #expect(CostBreakdown.dollars(ten.totalUSD) == "$148.14")
  }

  @Test func allOnDemandWhenTheServiceSetsLaunchType() throws {
    let ten = try Self.breakdown([(Self.strategy, "      LaunchType: FARGATE\n      AvailabilityZoneRebalancing")], tasks: 10)
    #expect(Self.close(ten.usd(.fargate), 10 * Self.taskMonth))
    #expect(ten.usd(.fargateSpot) == 0)
    #expect(Self.close(ten.totalUSD, 249.0500205))
  }

  @Test func allSpot() throws {
    let edit = (Self.strategy, "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing")
    let ten = try Self.breakdown([edit], tasks: 10)
    #expect(ten.usd(.fargate) == 0)
    #expect(Self.close(ten.usd(.fargateSpot), 54.06015))
    #expect(Self.close(ten.totalUSD, 122.9096705))
    let two = try Self.breakdown([edit], tasks: 2)
    #expect(Self.close(two.totalUSD, 48.4339341))
  }

  /// Base 2 on FARGATE, then weights 1 (FARGATE) : 3 (FARGATE_SPOT) for the other 8:
  /// 2 + 2 on-demand, 6 on Spot.
  @Test func baseThenWeights() throws {
    let edit = (Self.strategy, "      CapacityProviderStrategy:\n        - CapacityProvider: FARGATE\n          Base: 2\n          Weight: 1\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 3\n      AvailabilityZoneRebalancing")
    let ten = try Self.breakdown([edit], tasks: 10)
    #expect(ten.lines.filter { $0.category == .fargate }.map(\.quantity) == [4])
    #expect(ten.lines.filter { $0.category == .fargateSpot }.map(\.quantity) == [6])
    #expect(Self.close(ten.usd(.fargate), 72.0802))
    #expect(Self.close(ten.usd(.fargateSpot), 32.43609))
    #expect(Self.close(ten.totalUSD, 173.3658105))
  }

  /// Without public IPs: tasks with AssignPublicIp DISABLED and an internal ALB.
  @Test func withoutPublicAddresses() throws {
    let ten = try Self.breakdown([
      ("AssignPublicIp: ENABLED", "AssignPublicIp: DISABLED"), ("Scheme: internet-facing", "Scheme: internal"),
    ], tasks: 10)
    #expect(ten.publicIPv4Addresses == 0)
    #expect(ten.usd(.publicIPv4) == 0)
    #expect(Self.close(ten.totalUSD, 104.3377405))
  }

  /// A service without its own strategy takes the cluster's default (the same here).
  @Test func clusterDefaultStrategy() throws {
    let ten = try Self.breakdown([(Self.strategy, "      AvailabilityZoneRebalancing")], tasks: 10)
    #expect(Self.close(ten.totalUSD, 148.1377405))
    #expect(ten.lines.first { $0.category == .fargateSpot }?.formula.contains("the cluster's default strategy") == true)
  }

  @Test func armTasks() throws {
    let edit = ("CpuArchitecture: X86_64", "CpuArchitecture: ARM64")
    let two = try Self.breakdown([edit], tasks: 2)
    #expect(Self.close(two.usd(.fargate), 28.835))
    #expect(Self.close(two.totalUSD, 66.4569041))
    let ten = try Self.breakdown([edit], tasks: 10)
    #expect(ten.unpriced.map(\.reason) == ["8 ARM64 task(s) on FARGATE_SPOT, which runs X86_64 tasks only"])
  }

  @Test func natGatewayAndElasticIP() throws {
    let two = try Self.breakdown([("  InternetGatewayAttachment:\n", "  NatAddress:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n\n  NatGateway:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      AllocationId: !GetAtt NatAddress.AllocationId\n      SubnetId: !Ref PublicSubnet1\n\n  InternetGatewayAttachment:\n")], tasks: 2)
    #expect(Self.close(two.usd(.natGateway), 32.85))
    #expect(two.publicIPv4Addresses == 5)
    #expect(Self.close(two.totalUSD, 73.6620041 + 32.85 + 3.65))
  }

  @Test func whatThePriceListDoesNotCover() throws {
    let ec2 = try Self.breakdown([(Self.strategy, "      LaunchType: EC2\n      AvailabilityZoneRebalancing")], tasks: 2)
    #expect(ec2.lines.allSatisfy { $0.category != .fargate && $0.category != .fargateSpot })
    #expect(ec2.unpriced.map(\.reason) == ["LaunchType EC2: its instances are not in the price list"])
    let network = try Self.breakdown([("      Type: application\n      Scheme: internet-facing", "      Type: network\n      Scheme: internet-facing")], tasks: 2)
    #expect(network.unpriced.map(\.reason) == ["a load balancer of Type network is not in the price list"])
    #expect(network.publicIPv4Addresses == 4)
  }

  @Test func assumptionsOverride() throws {
    var assumptions = CostAssumptions()
    assumptions.lcuPerLoadBalancer = 0
    assumptions.spotDiscount = 0.5
    assumptions.logGBPerTaskMonth = 0
    assumptions.imagesStored = 0
    let ten = try Self.breakdown(tasks: 10, assumptions: assumptions)
    #expect(Self.close(ten.totalUSD, 36.0401 + 8 * Self.taskMonth * 0.5 + 16.425 + 12 * Self.address))
  }

  /// The breakdown agrees with the static rules of 12.2 (Spot preferred) and 12.7 (no
  /// NAT gateway): Spot tasks appear exactly when 12.2 holds, a NAT line exactly when
  /// 12.7 fails for a NAT gateway.
  @Test(arguments: [
    ("this repository", [(String, String)]()),
    ("LaunchType FARGATE", [(strategy, "      LaunchType: FARGATE\n      AvailabilityZoneRebalancing")]),
    ("Spot weighted below on-demand", [("          Weight: 0\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing", "          Weight: 2\n        - CapacityProvider: FARGATE_SPOT\n          Weight: 1\n      AvailabilityZoneRebalancing")]),
    ("a NAT gateway", [("  InternetGatewayAttachment:\n", "  NatGateway:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      AllocationId: eipalloc-0123456789abcdef0\n      SubnetId: !Ref PublicSubnet1\n\n  InternetGatewayAttachment:\n")]),
  ])
  func agreesWithTheStaticCostRules(_ name: String, _ edits: [(String, String)]) throws {
    let copy = try RepositoryCopy(edits.map { ("infra/template.yaml", $0.0, $0.1) })
    defer { copy.remove() }
    let project = try copy.load()
    for environment in project.environments {
      let ten = MonthlyCostModel.compute(environment, tasks: 10, assumptions: CostAssumptions.defaults(for: project))
      let spot = RuleEngine.run([ServicePrefersSpotRule()], on: project).first { $0.environment == environment.scenario.environment }!.verdict
      let nat = RuleEngine.run([InternetGatewayNoNATRule()], on: project).first { $0.environment == environment.scenario.environment }!.verdict
      let spotTasks = ten.lines.filter { $0.category == .fargateSpot }.map(\.quantity).reduce(0, +)
      let onDemandTasks = ten.lines.filter { $0.category == .fargate }.map(\.quantity).reduce(0, +)
      #expect(spotTasks + onDemandTasks == 10)
      #expect((spot.status == .pass) == (spotTasks > onDemandTasks), "\(name): 12.2 \(spot.status), \(spotTasks) Spot and \(onDemandTasks) on-demand tasks")
      #expect((nat.status == .fail) == (ten.usd(.natGateway) > 0), "\(name): 12.7 \(nat.status), NAT \(ten.usd(.natGateway))")
    }
  }

  /// 12.1 and 12.5 on this repository: the honest figure misses 12.1's budget (the
  /// breakdown shows why) and meets 12.5's.
  @Test func budgetsOfThisRepository() throws {
    let copy = try RepositoryCopy()
    defer { copy.remove() }
    let project = try copy.load()
    let baseline = RuleEngine.run([BaselineMonthlyCostRule()], on: project)
    #expect(baseline.map(\.verdict.status) == [.fail, .fail])
    let message = try #require(baseline.first?.verdict.findings.first?.message)
    #expect(message.hasPrefix("$73.66 a month with 2 tasks (REQUIREMENTS.md:"))
    #expect(message.contains("requires less than 60 USD, over by $13.66"))
    #expect(message.contains("public IPv4 $14.60"))
    #expect(baseline.first?.verdict.findings.first?.related.count == 4)
    let maximum = RuleEngine.run([MaximumMonthlyCostRule()], on: project)
    #expect(maximum.map(\.verdict.status) == [.pass, .pass])
    #expect(maximum.first?.verdict.note.hasPrefix("$148.14 a month with 10 tasks") == true)
    #expect(MonthlyCostCheck.budgets(in: project).map { "\($0.requirement) \($0.tasks) \($0.usd) \($0.comparison.rawValue)" } == ["12.1 2 60.0 less-than", "12.5 10 155.0 at-most"])
  }

  /// Something the price list cannot price leaves a figure under the budget undecided.
  @Test func unpricedUnderBudgetNeedsEvidence() throws {
    let copy = try RepositoryCopy([("infra/template.yaml", Self.strategy, "      LaunchType: EC2\n      AvailabilityZoneRebalancing")])
    defer { copy.remove() }
    let verdicts = RuleEngine.run([MaximumMonthlyCostRule()], on: try copy.load())
    #expect(verdicts.map(\.verdict.status) == [.needsEvidence, .needsEvidence])
    #expect(verdicts.first?.verdict.note.contains("not priced: Service: LaunchType EC2") == true)
  }
}
