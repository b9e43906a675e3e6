import Diagnostics

/// One priced item of a monthly cost: what, for which resource, how it was computed, and
/// how much (USD per month).
public struct CostLine: Sendable, Codable {
  public enum Category: String, Sendable, Codable, CaseIterable {
    case fargate = "fargate"
    case fargateSpot = "fargate-spot"
    case loadBalancer = "load-balancer"
    case publicIPv4 = "public-ipv4"
    case natGateway = "nat-gateway"
    case logs
    case registry

    /// "Fargate on-demand", for tables and messages.
    public var title: String {
      switch self {
      case .fargate: "Fargate on-demand"
      case .fargateSpot: "Fargate Spot"
      case .loadBalancer: "load balancer"
      case .publicIPv4: "public IPv4"
      case .natGateway: "NAT gateway"
      case .logs: "CloudWatch Logs"
      case .registry: "ECR storage"
      }
    }
  }

  public var category: Category
  /// The template resource the cost comes from (logical ID).
  public var resource: String
  /// What is paid for: "2 tasks on FARGATE".
  public var item: String
  /// How many (`unit`): 2 (tasks), 4 (addresses), 0.23 (GB-month).
  public var quantity: Double
  public var unit: String
  /// How: "2 tasks × (0.5 vCPU × $0.04048 + 1 GB × $0.004445) × 730 h".
  public var formula: String
  /// USD per month.
  public var usd: Double
  public var location: SourceLocation

  public init(_ category: Category, resource: String, item: String, quantity: Double, unit: String, formula: String, usd: Double, at location: SourceLocation) {
    self.category = category
    self.quantity = quantity
    self.unit = unit
    self.resource = resource
    self.item = item
    self.formula = formula
    self.usd = usd
    self.location = location
  }
}

/// Something the template costs that the price list cannot price (an EC2 capacity
/// provider, a Network Load Balancer, Windows tasks): the total is then a lower bound.
public struct UnpricedItem: Sendable, Codable {
  public var resource: String
  public var reason: String
  public var location: SourceLocation

  public init(_ resource: String, _ reason: String, at location: SourceLocation) {
    self.resource = resource
    self.reason = reason
    self.location = location
  }
}
