import Diagnostics
import ShellScriptModel
import TemplateModel

/// The stack outputs a deploy script queries with `aws cloudformation describe-stacks
/// --query "Stacks[0].Outputs[?OutputKey=='KEY']..."`, compared with the template's
/// `Outputs` present in the env (an output whose `Condition` is false in the env does not
/// exist in the stack).
///
/// A query for a key the stack does not have selects nothing: JMESPath gives `None`
/// with `--output text` (https://awscli.amazonaws.com/v2/documentation/api/latest/reference/cloudformation/describe-stacks.html,
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-filter.html), so the
/// script gets no value: it stops (`require_output`) or goes on with an empty one.
enum StackOutputKeys {
  /// Every `describe-stacks` call with the literal output keys its `--query` names.
  static func reads(in evaluation: Evaluation) -> [(command: CommandInvocation, keys: [String])] {
    evaluation.commands.filter { $0.isCommand("aws") && $0.isSubcommand("cloudformation", "describe-stacks") }.compactMap { read in
      guard let query = read.value(ofFlag: "--query")?.value else { return nil }
      let keys = (query.possibleValues() ?? [query.description]).flatMap(StackOutputURLRule.outputKeys).filter { !$0.containsText("$") }
      return (read, keys)
    }
  }

  /// Errors for the queries of keys the template's outputs in this env lack, among the
  /// calls before `order` (all when nil); nil-free and empty when every key exists.
  static func undefined(in context: RuleContext, before order: Int?) -> [Finding] {
    guard let run = context.deployRun, context.project.template != nil else { return [] }
    let defined = Set(context.template.outputs.map(\.name))
    var findings: [Finding] = []
    var seen: Set<String> = []
    for (command, keys) in reads(in: run.evaluation) where order.map({ command.order < $0 }) ?? true {
      for key in keys where !defined.contains(key) && !seen.contains(key) {
        seen.insert(key)
        let close = defined.filter { $0.lowercased() == key.lowercased() }.sorted()
        let hint = close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))? output keys are case-sensitive)"
        findings.append(
          .error(
            "the script queries stack output \(key), which the template does not define for config env \(context.environmentName)\(hint): the query selects nothing, so the value is empty (None) and the step that needs it fails; outputs: \(defined.sorted().joined(separator: ", "))",
            at: callSite(of: command) ?? command.value(ofFlag: "--query")?.location ?? command.location,
            related: callSite(of: command) == nil ? [] : [.init("the query", at: command.value(ofFlag: "--query")?.location ?? command.location)]))
      }
    }
    return findings
  }

  /// Where the script's main line calls the function that runs `command` (the
  /// `require_output CLUSTER_NAME Cluster` line), when it runs inside one.
  static func callSite(of command: CommandInvocation) -> SourceLocation? {
    for frame in command.context.frames {
      if case .function(_, let call?) = frame { return call }
    }
    return nil
  }
}
