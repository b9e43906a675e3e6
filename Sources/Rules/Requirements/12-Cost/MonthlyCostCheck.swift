import Diagnostics
import ProjectModel
import Requirements
import TemplateModel

/// What 12.1 and 12.5 share: price the env's template with the requirement's `tasks`
/// running all month (`MonthlyCostModel`, default assumptions) and compare the total with
/// its `budget`. A figure that misses the budget fails with the breakdown; a figure that
/// leaves something unpriced and is under the budget needs evidence (it is a lower bound).
public enum MonthlyCostCheck {
  public enum Comparison: String, Sendable, Codable {
    /// The total must be below the budget ("under 60 USD").
    case below = "less-than"
    /// The total may equal the budget ("155 USD at most").
    case atMost = "at-most"

    public var words: String { self == .below ? "less than" : "at most" }
    public func holds(_ total: Double, _ budget: Double) -> Bool { self == .below ? total < budget : total <= budget }
  }

  /// A monthly budget a cost rule checks: requirement, rule, task count and amount.
  public struct Budget: Sendable {
    public var requirement: RequirementID
    public var rule: String
    public var tasks: Int
    public var tasksValue: RequirementValue
    public var usd: Double
    public var value: RequirementValue
    public var comparison: Comparison
  }

  /// The cost rules and how each compares.
  static let rules: [(definition: RuleDefinition, comparison: Comparison)] = [
    (BaselineMonthlyCostRule.definition, BaselineMonthlyCostRule.comparison),
    (MaximumMonthlyCostRule.definition, MaximumMonthlyCostRule.comparison),
  ]

  /// The budgets of `project`'s requirement catalogue (else the built-in one's values)
  /// that the cost rules check, in requirement order.
  public static func budgets(in project: Project) -> [Budget] {
    rules.compactMap { rule in
      let id = rule.definition.requirements[0]
      guard project.requirements[id] != nil else { return nil }
      let context = RuleContext(project: project, environment: nil, definition: rule.definition)
      guard let value = context.value("budget"), let usd = value.number, let tasksValue = context.value("tasks"), let tasks = tasksValue.integer else { return nil }
      return Budget(requirement: id, rule: rule.definition.id, tasks: tasks, tasksValue: tasksValue, usd: usd, value: value, comparison: rule.comparison)
    }
  }

  static func verdict(_ context: RuleContext, _ comparison: Comparison) -> Verdict {
    let id = context.definition.requirements[0]
    guard let budgetValue = context.value("budget"), let budget = budgetValue.number,
      let tasksValue = context.value("tasks"), let tasks = tasksValue.integer
    else { return .missingValue("budget/tasks", of: id.description) }
    let template = context.template
    guard let service = template.services.first else {
      return context.missing("AWS::ECS::Service", for: "requirement \(id) prices \(tasks) running tasks")
    }
    let assumptions = CostAssumptions.defaults(for: context.project) { context.value($0, of: $1) }
    let breakdown = MonthlyCostModel.compute(template, tasks: tasks, assumptions: assumptions)
    let total = breakdown.totalUSD
    let services = template.services.count
    let figure = "\(CostBreakdown.dollars(total)) a month with \(tasks) tasks (\(tasksValue.location.file):\(tasksValue.location.line))\(services > 1 ? " in each of \(services) ECS services" : ""): \(breakdown.summary)"
    let basis = basis(breakdown, tasks: tasks)
    let holds = comparison.holds(total, budget)
    if holds && !breakdown.unpriced.isEmpty {
      let missing = breakdown.unpriced.map { "\($0.resource): \($0.reason)" }.joined(separator: "; ")
      return .needsEvidence("at least \(figure); not priced: \(missing) (\(basis))", evidence: breakdown.unpriced.map(\.location))
    }
    if holds {
      return .pass("\(figure); \(comparison.words) \(budgetValue.written) (\(basis))", evidence: [service.location])
    }
    let drivers = breakdown.lines.sorted { $0.usd > $1.usd }.prefix(4).map { line in
      Finding.Related("\(CostBreakdown.dollars(line.usd)) \(line.category.title): \(line.item), \(line.formula)", at: line.location)
    }
    let over = CostBreakdown.dollars(total - budget)
    return .fail(.error(
      "\(figure)\(breakdown.unpriced.isEmpty ? "" : " and more not priced"); requirement \(id) (\(budgetValue.location.file):\(budgetValue.location.line)) requires \(comparison.words) \(budgetValue.written), over by \(over) (\(basis))",
      at: service.location, related: Array(drivers), path: "Resources/\(service.logicalID)"))
  }

  /// "us-east-1 list prices of 2026, 730 h a month; assumptions --lcu 1, …; breakdown:
  /// vibe-rules cost --tasks 2". No env name: envs with the same figure share one row.
  static func basis(_ breakdown: CostBreakdown, tasks: Int) -> String {
    let prices = breakdown.prices
    let assumed = breakdown.assumptions.described.map { "\($0.flag) \($0.value)" }.joined(separator: ", ")
    let region = breakdown.regionNote.map { "; \($0)" } ?? ""
    return "\(prices.region) list prices of \(prices.asOf.prefix { $0 != " " }), \(Int(prices.hoursPerMonth)) h a month; assumptions \(assumed)\(region); breakdown: vibe-rules cost --tasks \(tasks)"
  }
}
