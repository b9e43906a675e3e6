import Diagnostics
import ShellScriptModel
import TemplateModel

/// One config env's share of loading, done on a worker thread as soon as the deploy script
/// is read: the deploy script walked for the env, the env's deploy configuration
/// (samconfig's values under the script's `sam deploy` flags), then, once the template is
/// read, the template evaluated with it. `Project.load` reads the Dockerfile and the
/// evidence meanwhile, and raises the errors afterwards, in env order.
struct EnvironmentWork: Sendable {
  var name: String
  var run: DeployScriptRun?
  /// The deploy configuration, or why the deploy script or samconfig cannot give one.
  var configuration: Result<DeployConfiguration, InputError>
  /// The template evaluated for the env; nil when the configuration failed or the
  /// template did not load (`load` reports that error first).
  var evaluated: EvaluatedTemplate?

  /// Walks `script` for env `name`, resolves its configuration, then waits for
  /// `template` (nil: the repository has no template; the env is evaluated over an empty
  /// one, and template rules are not applicable) and evaluates it.
  ///
  /// `computeBudget`: what the evaluation may compute (`TemplateEvaluator.computeBudget(sharedBy:)`);
  /// `environments`: how many envs the run walks the script for (they share its bounds).
  init(
    name: String, script: ShellScript?, samconfig: SamConfig?, environments: Int, computeBudget: Int, template: () -> Result<Template?, InputError>
  ) {
    self.name = name
    let run = script.map { DeployScriptRun(script: $0, environment: name, walksInRun: environments) }
    self.run = run
    configuration = Result { () throws(InputError) in
      if let run { try run.requireComplete() }
      return try DeployConfiguration.resolve(
        environment: name, samconfig: samconfig, command: run?.mainSamDeploy.map(DeployScriptRun.samDeployCommand))
    }
    guard case .success(let configuration) = configuration, case .success(let loaded) = template() else { return }
    evaluated = TemplateEvaluator.evaluate(loaded ?? EvaluatedTemplate.empty.template, configuration: configuration, computeBudget: computeBudget)
  }
}
