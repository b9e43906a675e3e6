/// The prices the cost model uses: AWS public list prices for us-east-1, in USD, each
/// beside the page it comes from. This file is the one place prices live: update the
/// figures and `asOf` together.
///
/// The figures are those the project's requirement facts give ("Price facts for the cost
/// model (us-east-1, public list prices as of 2026)", shared/requirements-facts.md, read
/// 2026-11-29); the facts name the year, not a day.
public struct PriceList: Sendable, Codable {
  /// One list price: USD per `unit`, and where it is published.
  public struct Price: Sendable, Codable, Hashable {
    public var usd: Double
    public var unit: String
    public var source: String

    public init(_ usd: Double, per unit: String, source: String) {
      self.usd = usd
      self.unit = unit
      self.source = source
    }
  }

  /// The AWS Region the prices are for.
  public var region: String
  /// When the prices were quoted.
  public var asOf: String
  /// Hours in a month, as AWS's pricing pages and calculator count them.
  public var hoursPerMonth: Double
  public var fargateLinuxX86VCPU: Price
  public var fargateLinuxX86Memory: Price
  public var fargateLinuxARMVCPU: Price
  public var fargateLinuxARMMemory: Price
  /// Fargate Spot's published discount ceiling ("up to 70 %"), a fraction, and its page.
  /// Spot prices vary; the model's discount is an assumption (`CostAssumptions.spotDiscount`).
  public var fargateSpotDiscountCeiling: Double
  public var fargateSpotSource: String
  public var applicationLoadBalancer: Price
  public var applicationLoadBalancerLCU: Price
  public var publicIPv4Address: Price
  public var natGateway: Price
  public var logsIngested: Price
  public var logsStored: Price
  public var ecrStorage: Price

  /// us-east-1, 2026.
  public static let usEast1 = PriceList(
    region: "us-east-1",
    asOf: "2026 (us-east-1 public list prices, as the deployment's requirement facts give them; read 2026-11-29)",
    hoursPerMonth: 730,
    fargateLinuxX86VCPU: Price(0.04048, per: "vCPU-hour", source: "https://aws.amazon.com/fargate/pricing/ (Linux/X86)"),
    fargateLinuxX86Memory: Price(0.004445, per: "GB-hour", source: "https://aws.amazon.com/fargate/pricing/ (Linux/X86)"),
    fargateLinuxARMVCPU: Price(0.03238, per: "vCPU-hour", source: "https://aws.amazon.com/fargate/pricing/ (Linux/ARM)"),
    fargateLinuxARMMemory: Price(0.00356, per: "GB-hour", source: "https://aws.amazon.com/fargate/pricing/ (Linux/ARM)"),
    fargateSpotDiscountCeiling: 0.70,
    fargateSpotSource: "https://aws.amazon.com/fargate/pricing/ (\"Fargate Spot Pricing for Amazon ECS\": up to a 70% discount off the regular Fargate price)",
    applicationLoadBalancer: Price(0.0225, per: "ALB-hour", source: "https://aws.amazon.com/elasticloadbalancing/pricing/"),
    applicationLoadBalancerLCU: Price(0.008, per: "LCU-hour", source: "https://aws.amazon.com/elasticloadbalancing/pricing/"),
    publicIPv4Address: Price(0.005, per: "address-hour", source: "https://aws.amazon.com/vpc/pricing/ (public IPv4, charged since 2024-02-01: https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/)"),
    natGateway: Price(0.045, per: "NAT-gateway-hour", source: "https://aws.amazon.com/vpc/pricing/ (NAT gateway; data processing not modelled)"),
    logsIngested: Price(0.50, per: "GB ingested", source: "https://aws.amazon.com/cloudwatch/pricing/ (Logs, standard ingestion)"),
    logsStored: Price(0.03, per: "GB-month stored", source: "https://aws.amazon.com/cloudwatch/pricing/ (Logs, archival storage)"),
    ecrStorage: Price(0.10, per: "GB-month", source: "https://aws.amazon.com/ecr/pricing/ (private repository storage)"))

  /// Every price with its name, for listing.
  public var all: [(name: String, price: Price)] {
    [("Fargate Linux/X86 vCPU", fargateLinuxX86VCPU), ("Fargate Linux/X86 memory", fargateLinuxX86Memory),
     ("Fargate Linux/ARM vCPU", fargateLinuxARMVCPU), ("Fargate Linux/ARM memory", fargateLinuxARMMemory),
     ("Application Load Balancer", applicationLoadBalancer), ("ALB capacity unit", applicationLoadBalancerLCU),
     ("Public IPv4 address", publicIPv4Address), ("NAT gateway", natGateway),
     ("CloudWatch Logs ingestion", logsIngested), ("CloudWatch Logs storage", logsStored), ("ECR storage", ecrStorage)]
  }
}
