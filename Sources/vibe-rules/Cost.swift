import ArgumentParser
import Diagnostics
import Foundation
import ProjectModel
import Rules
import TemplateModel

/// `vibe-rules cost [--env NAME] [--tasks N]`: the monthly cost of each config env's
/// evaluated template, line by line, from the dated price list (`PriceList`), with every
/// assumption stated and overridable. Without `--tasks` it prices each budgeted
/// requirement's task count (12.1's and 12.5's) and compares with its budget.
///
/// Exit status: 0 when every compared budget holds (or is waived), 1 when one is missed,
/// 2 for an input or usage error.
struct Cost: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Compute the monthly cost of the evaluated template from the dated price data.",
    discussion: "Prices: \(PriceList.usEast1.region), \(PriceList.usEast1.asOf). Not modelled: \(MonthlyCostModel.notModelled).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var inputs: ProjectInputs

  // `.unconditional`: the next argument is the value even when it starts with `-`, so
  // `--tasks -3` reaches `validate()` (its range message) instead of being read as an
  // unknown option `-3` and the value as missing.
  @Option(parsing: .unconditional, help: "Tasks running all month in each ECS service (default: each budgeted requirement's task count).")
  var tasks: Int?

  @Option(name: .customLong("lcu"), parsing: .unconditional, help: "Load balancer capacity units used each hour, per ALB (default 1).")
  var lcu: Double?

  @Option(name: .customLong("log-gb-per-task"), parsing: .unconditional, help: "GB of logs ingested per task per month (default 0.5).")
  var logGBPerTask: Double?

  @Option(name: .customLong("image-gb"), parsing: .unconditional, help: "GB stored per image in ECR (default 0.25, or the image evidence's size).")
  var imageGB: Double?

  @Option(name: .customLong("images-stored"), parsing: .unconditional, help: "Images kept per ECR repository (default: requirement 12.3's keep-images).")
  var imagesStored: Int?

  @Option(name: .customLong("spot-discount"), parsing: .unconditional, help: "FARGATE_SPOT discount off on-demand, 0 to 0.9 (default 0.7).")
  var spotDiscount: Double?

  @Option(help: "How to print the breakdown.")
  var format: Format = .table

  @Option(help: "Write the breakdown to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if let tasks, !(0...10_000).contains(tasks) { throw ValidationError("--tasks must be from 0 to 10000") }
    if let lcu, !(0...100_000).contains(lcu) { throw ValidationError("--lcu must be from 0 to 100000") }
    if let logGBPerTask, !(0...1_000_000).contains(logGBPerTask) { throw ValidationError("--log-gb-per-task must be from 0 to 1000000") }
    if let imageGB, !(0...10_000).contains(imageGB) { throw ValidationError("--image-gb must be from 0 to 10000") }
    if let imagesStored, !(0...100_000).contains(imagesStored) { throw ValidationError("--images-stored must be from 0 to 100000") }
    if let spotDiscount, !(0...0.9).contains(spotDiscount) { throw ValidationError("--spot-discount must be from 0 to 0.9") }
  }

  func run() throws {
    let project = try inputs.load()
    guard project.template != nil else {
      throw InputError(project.absences["template"] ?? "no template to price", at: nil)
    }
    let assumptions = overridden(CostAssumptions.defaults(for: project))
    let budgets = MonthlyCostCheck.budgets(in: project)
    let counts = tasks.map { [$0] } ?? Array(Set(budgets.map(\.tasks))).sorted()
    guard !counts.isEmpty else {
      throw InputError("no requirement gives a budget and a task count; pass --tasks N", at: nil)
    }
    var scenarios: [Scenario] = []
    for environment in project.environments {
      for count in counts {
        let breakdown = MonthlyCostModel.compute(environment, tasks: count, assumptions: assumptions)
        let checks = budgets.filter { $0.tasks == count }.map { BudgetCheck($0, breakdown, environment, project) }
        scenarios.append(Scenario(breakdown: breakdown, checks: checks))
      }
    }
    let text = format == .json ? json(scenarios, assumptions) : table(scenarios, assumptions)
    try Output.write(text, to: output, sparing: Output.spared(by: project), escape: format == .json ? .json : .swift)
    if scenarios.contains(where: { $0.checks.contains { !$0.holds && $0.waiver == nil } }) { throw ExitCode(1) }
  }

  private func overridden(_ defaults: CostAssumptions) -> CostAssumptions {
    var assumptions = defaults
    if let lcu { assumptions.lcuPerLoadBalancer = lcu }
    if let logGBPerTask { assumptions.logGBPerTaskMonth = logGBPerTask }
    if let imageGB {
      assumptions.imageGB = imageGB
      assumptions.imageGBOrigin = "--image-gb"
    }
    if let imagesStored {
      assumptions.imagesStored = imagesStored
      assumptions.imagesStoredOrigin = "--images-stored"
    }
    if let spotDiscount { assumptions.spotDiscount = spotDiscount }
    return assumptions
  }

  /// One env at one task count, and the budgets that count is compared with.
  struct Scenario {
    var breakdown: CostBreakdown
    var checks: [BudgetCheck]
  }

  /// A budget compared with a breakdown, and the waiver that accepts a miss, if any.
  struct BudgetCheck {
    var budget: MonthlyCostCheck.Budget
    var holds: Bool
    /// A lower bound: something was not priced.
    var isLowerBound: Bool
    var waiver: Waiver?

    init(_ budget: MonthlyCostCheck.Budget, _ breakdown: CostBreakdown, _ environment: EvaluatedTemplate, _ project: Project) {
      self.budget = budget
      holds = budget.comparison.holds(breakdown.totalUSD, budget.usd)
      isLowerBound = !breakdown.unpriced.isEmpty
      // The rule reports a miss at the first service; the waivers that accept it there.
      let location = environment.services.first?.location ?? .start(of: "")
      waiver = holds ? nil : project.waivers.first {
        $0.covers(rule: budget.rule, requirements: [budget.requirement], at: location, environment: breakdown.environment)
          && !$0.isExpired(on: WaiverCheck.today)
      }
    }

    func line(total: Double) -> String {
      let head = "\(budget.requirement) requires \(budget.comparison.words) \(budget.value.written) (\(budget.value.location.file):\(budget.value.location.line)) with \(budget.tasks) tasks:"
      if holds {
        return "\(head) \(isLowerBound ? "at least " : "")\(CostBreakdown.dollars(total)) holds\(isLowerBound ? " only if the unpriced items cost less than \(CostBreakdown.dollars(budget.usd - total)) (needs evidence)" : "")"
      }
      let waived = waiver.map { " — waived at \($0.location): \($0.reason)" } ?? ""
      return "\(head) \(CostBreakdown.dollars(total)) misses it by \(CostBreakdown.dollars(total - budget.usd))\(waived)"
    }
  }

  // MARK: Table

  private func table(_ scenarios: [Scenario], _ assumptions: CostAssumptions) -> String {
    var out: [String] = []
    for scenario in scenarios {
      let breakdown = scenario.breakdown
      out.append("Env \(breakdown.environment), \(breakdown.tasks) task(s) per service: \(CostBreakdown.dollars(breakdown.totalUSD)) a month\(breakdown.unpriced.isEmpty ? "" : " (lower bound: items not priced)")")
      if let note = breakdown.regionNote { out.append("  note: \(note)") }
      let width = (breakdown.lines.map(\.usd) + [breakdown.totalUSD]).map { CostBreakdown.dollars($0).count }.max() ?? 6
      for line in breakdown.lines {
        let amount = CostBreakdown.dollars(line.usd)
        out.append("  " + String(repeating: " ", count: width - amount.count) + amount + "  \(line.category.title): \(line.resource), \(line.item)")
        out.append("  " + String(repeating: " ", count: width) + "  = \(line.formula)  [\(line.location)]")
      }
      for item in breakdown.unpriced {
        out.append("  " + String(repeating: " ", count: width - 1) + "?  not priced: \(item.resource), \(item.reason)  [\(item.location)]")
      }
      out.append("  " + String(repeating: "-", count: width) + "")
      let total = CostBreakdown.dollars(breakdown.totalUSD)
      out.append("  " + String(repeating: " ", count: width - total.count) + total + "  total (\(breakdown.summary))")
      for check in scenario.checks { out.append("  " + check.line(total: breakdown.totalUSD)) }
      out.append("")
    }
    let prices = PriceList.usEast1
    out.append("Prices: \(prices.region), \(prices.asOf); \(Int(prices.hoursPerMonth)) h a month.")
    for (name, price) in prices.all {
      out.append("  \(name): $\(price.usd) per \(price.unit) — \(price.source)")
    }
    out.append("  Fargate Spot: up to \(Int(prices.fargateSpotDiscountCeiling * 100)) % off on-demand, price varies — \(prices.fargateSpotSource)")
    out.append("Assumptions (override with the flags):")
    for item in assumptions.described { out.append("  \(item.flag) \(item.value): \(item.meaning)") }
    out.append("Tasks above a capacity provider base are split by the strategy's weights (fractions kept: the proportion ECS aims at).")
    out.append("Not modelled: \(MonthlyCostModel.notModelled).")
    // One row per line, whatever the names quoted from the files hold.
    return out.map(\.foldingLineBreaks).joined(separator: "\n") + "\n"
  }

  // MARK: JSON

  private struct JSONDocument: Encodable {
    struct Check: Encodable {
      var requirement: String
      var rule: String
      var budgetUSD: Double
      var comparison: String
      var tasks: Int
      var holds: Bool
      var lowerBound: Bool
      var waived: String?
      var declaredAt: SourceLocation
    }

    struct Entry: Encodable {
      var breakdown: CostBreakdown
      var budgets: [Check]
    }

    var tool: String
    var prices: PriceList
    var assumptions: CostAssumptions
    var notModelled: String
    var scenarios: [Entry]
  }

  private func json(_ scenarios: [Scenario], _ assumptions: CostAssumptions) -> String {
    let document = JSONDocument(
      tool: "vibe-rules \(VibeRules.version)", prices: .usEast1, assumptions: assumptions, notModelled: MonthlyCostModel.notModelled,
      scenarios: scenarios.map { scenario in
        JSONDocument.Entry(breakdown: scenario.breakdown, budgets: scenario.checks.map { check in
          JSONDocument.Check(
            requirement: check.budget.requirement.description, rule: check.budget.rule, budgetUSD: check.budget.usd,
            comparison: check.budget.comparison.rawValue, tasks: check.budget.tasks, holds: check.holds, lowerBound: check.isLowerBound,
            waived: check.waiver?.reason, declaredAt: check.budget.value.location)
        })
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
  }
}
