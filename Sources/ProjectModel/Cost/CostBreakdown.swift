import Diagnostics
import Foundation

/// The monthly cost of one config env's evaluated template at a given task count: priced
/// lines, what could not be priced, the assumptions and the price list used.
public struct CostBreakdown: Sendable, Encodable {
  /// The config env.
  public var environment: String
  /// Running tasks per ECS service, all month.
  public var tasks: Int
  public var lines: [CostLine]
  /// Items the price list does not cover; when any, `totalUSD` is a lower bound.
  public var unpriced: [UnpricedItem]
  public var assumptions: CostAssumptions
  public var prices: PriceList
  /// The region the env deploys to (samconfig/`--region`), when known: prices are us-east-1's.
  public var deployRegion: String?

  /// USD per month, the sum of the lines.
  public var totalUSD: Double { lines.map(\.usd).reduce(0, +) }

  /// USD per month of one category.
  public func usd(_ category: CostLine.Category) -> Double {
    lines.filter { $0.category == category }.map(\.usd).reduce(0, +)
  }

  /// "$74.17".
  public static func dollars(_ usd: Double) -> String { "$" + usd.fixedPointText(fractionDigits: 2) }

  /// "Fargate on-demand $36.04, load balancer $22.27, public IPv4 $14.60, …": the
  /// categories with a cost, largest first, for one-line messages.
  public var summary: String {
    CostLine.Category.allCases.map { ($0, usd($0)) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
      .map { "\($0.0.title) \(Self.dollars($0.1))" }.joined(separator: ", ")
  }

  /// Public IPv4 addresses billed all month.
  public var publicIPv4Addresses: Int {
    Int(exactly: lines.filter { $0.category == .publicIPv4 }.map(\.quantity).reduce(0, +).rounded()) ?? Int.max
  }

  /// A note when the env deploys outside the price list's region.
  public var regionNote: String? {
    guard let deployRegion, deployRegion != prices.region else { return nil }
    return "env \(environment) deploys to \(deployRegion); the prices are \(prices.region)'s"
  }

  enum CodingKeys: String, CodingKey {
    case environment, tasks, lines, unpriced, assumptions, prices, deployRegion, totalUSD
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(environment, forKey: .environment)
    try container.encode(tasks, forKey: .tasks)
    try container.encode((totalUSD * 100).rounded() / 100, forKey: .totalUSD)
    try container.encode(lines, forKey: .lines)
    try container.encode(unpriced, forKey: .unpriced)
    try container.encode(assumptions, forKey: .assumptions)
    try container.encode(prices, forKey: .prices)
    try container.encodeIfPresent(deployRegion, forKey: .deployRegion)
  }

  public init(environment: String, tasks: Int, lines: [CostLine], unpriced: [UnpricedItem], assumptions: CostAssumptions, prices: PriceList, deployRegion: String?) {
    self.environment = environment
    self.tasks = tasks
    self.lines = lines
    self.unpriced = unpriced
    self.assumptions = assumptions
    self.prices = prices
    self.deployRegion = deployRegion
  }
}
