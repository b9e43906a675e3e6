import Diagnostics
import ShellScriptModel
import TemplateModel

/// The deploy script evaluated (never executed) for one config env: `$1` bound to the
/// env's name and no optional environment variable set — the run a user starts with
/// `./deploy.sh <env>`.
public struct DeployScriptRun: Sendable {
  public var environment: String
  public var evaluation: Evaluation

  /// Walks `script` for `environment`, as one of `walksInRun` walks (one per config env
  /// of the run) that share the walk's bound on string operations
  /// (`ShellScript.evaluate(_:sharedBy:)`).
  public init(script: ShellScript, environment: String, walksInRun: Int = 1) {
    self.environment = environment
    // `$0` stays unknown: it is the path the script was started by (`./deploy.sh`,
    // `bash deploy.sh`, an absolute path), which no file shows.
    evaluation = script.evaluate(ShellScriptModel.Environment(arguments: [environment], unlistedVariablesAreUnset: true), sharedBy: walksInRun)
  }

  /// The limits of the deploy-script reader: function calls are inlined at their call
  /// sites up to `ShellScriptModel`'s bounds (16 nested calls, 300 nested statements,
  /// 200,000 inlined statements holding at most 400,000 words; from three config envs on,
  /// the envs' walks share what two would get: `ShellScript.evaluate(_:sharedBy:)`). A
  /// script beyond them (functions that each call the next
  /// several times: 3^10 calls) cannot be read to the end, and whatever it runs after the
  /// cut would be missing from every deploy-script rule.
  ///
  /// - Throws: `InputError` at the first call not inlined, naming the limit, so no rule
  ///   reports a step as missing that the reader merely did not reach.
  public func requireComplete() throws(InputError) {
    guard evaluation.isTruncated else { return }
    throw InputError(
      "\(evaluation.truncationLocation?.file ?? "the deploy script") is beyond vibe-rules' deploy-script reader limit (function calls nested deeper than 16, or more than 200,000 statements, 400,000 words or 1,000,000 constructs around statements (calls, pipelines, substitutions, conditions: each statement's count) once every call is inlined, shared by the run's config envs from three on; config env \(environment)): the statement or call here and what follows it are not read, so no deploy-script requirement can be decided; flatten the function calls, or check fewer config envs at once (--env)",
      at: evaluation.truncationLocation)
  }

  /// Every `sam deploy` the run may execute, in execution order.
  public var samDeploys: [CommandInvocation] { evaluation.commands(named: "sam", "deploy") }

  /// The `sam deploy` whose parameters the stack ends up with: the last one that selects
  /// this env (`--config-env`, default `default`), or nil when the script runs none.
  public var mainSamDeploy: CommandInvocation? {
    samDeploys.last { invocation in
      (invocation.value(ofFlag: "--config-env")?.literal ?? "default") == environment
        || invocation.value(ofFlag: "--config-env")?.literal == nil
    }
  }

  /// The facts of `invocation` the template evaluation needs.
  public static func samDeployCommand(_ invocation: CommandInvocation) -> SamDeployCommand {
    var flags: [String: [Located<ScriptValue>]] = [:]
    let booleanFlags: Set<String> = [
      "--confirm-changeset", "--no-confirm-changeset", "--resolve-s3", "--no-execute-changeset", "--fail-on-empty-changeset",
      "--no-fail-on-empty-changeset", "--guided", "--force-upload", "--use-json", "--disable-rollback", "--no-progressbar",
    ]
    let arguments = invocation.argumentList
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      guard let text = argument.value.literal ?? (argument.isOption ? argument.value.knownPrefix : nil), text.hasPrefix("--") else {
        index += 1
        continue
      }
      if text == "--parameter-overrides" {
        index += 1
        while index < arguments.count, !arguments[index].isOption { index += 1 }
        continue
      }
      if let equals = text.firstIndex(of: "=") {
        flags[String(text[..<equals]), default: []].append(Located(.literal(String(text[text.index(after: equals)...])), at: argument.location))
        index += 1
        continue
      }
      if booleanFlags.contains(text) {
        flags[text, default: []].append(Located(.literal("true"), at: argument.location))
        index += 1
        continue
      }
      index += 1
      while index < arguments.count, !arguments[index].isOption {
        flags[text, default: []].append(Located(scriptValue(arguments[index].value), at: arguments[index].location))
        index += 1
        if text != "--capabilities" && text != "--tags" { break }
      }
    }
    var overrides: [Located<SamDeployCommand.ScriptOverride>]? = nil
    var unresolved: [Located<String>] = []
    if let items = invocation.parameterOverrides {
      overrides = []
      for item in items {
        guard let key = item.key else {
          unresolved.append(Located(item.item.description, at: item.location))
          continue
        }
        overrides?.append(Located(.init(key: key, value: scriptValue(item.value)), at: item.location))
      }
    }
    return SamDeployCommand(location: invocation.location, flags: flags, parameterOverrides: overrides, unresolvedOverrides: unresolved)
  }

  static func scriptValue(_ word: ResolvedWord) -> ScriptValue {
    word.literal.map(ScriptValue.literal) ?? .symbolic(word.description)
  }
}
