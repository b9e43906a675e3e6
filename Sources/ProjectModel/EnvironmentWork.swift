import Diagnostics
import ShellScriptModel
import TemplateModel

/// One config env's share of loading, done on the loading thread or a worker as soon as the
/// deploy script is read: the deploy script walked for the env and the env's deploy
/// configuration (samconfig's values under the script's `sam deploy` flags).
/// `Project.load` raises the errors afterwards, in env order, and evaluates the template
/// for each env once it is read (`evaluate(_:computeBudget:)`): no walk waits for the
/// template while another env's walk has not started.
struct EnvironmentWork: Sendable {
  var name: String
  var run: DeployScriptRun?
  /// The deploy configuration, or why the deploy script or samconfig cannot give one.
  var configuration: Result<DeployConfiguration, InputError>

  /// Walks `script` for env `name` and resolves its configuration. `environments`: how
  /// many envs the run walks the script for (they share its bounds).
  init(name: String, script: ShellScript?, samconfig: SamConfig?, environments: Int) {
    self.name = name
    let run = script.map { DeployScriptRun(script: $0, environment: name, walksInRun: environments) }
    self.run = run
    configuration = Result { () throws(InputError) in
      if let run { try run.requireComplete() }
      return try DeployConfiguration.resolve(
        environment: name, samconfig: samconfig, command: run?.mainSamDeploy.map(DeployScriptRun.samDeployCommand))
    }
  }

  /// The template evaluated for the env with its configuration; nil when the configuration
  /// failed. `template` nil: the repository has no template (the env is evaluated over an
  /// empty one, and template rules are not applicable). `computeBudget`: what the
  /// evaluation may compute (`TemplateEvaluator.computeBudget(sharedBy:)`).
  func evaluate(_ template: Template?, computeBudget: Int) -> EvaluatedTemplate? {
    guard case .success(let configuration) = configuration else { return nil }
    return TemplateEvaluator.evaluate(template ?? EvaluatedTemplate.empty.template, configuration: configuration, computeBudget: computeBudget)
  }
}
