import Diagnostics
@testable import TemplateModel

/// Loads an inline template (YAML text) named `template.yaml`.
func template(_ yaml: String) throws -> Template {
  try Template.load(SourceText(file: "template.yaml", text: yaml))
}

/// Evaluates `yaml` for a config env with `overrides` (samconfig-style) and a region.
func evaluate(_ yaml: String, environment: String = "dev", overrides: String = "", region: String = "us-east-1", stackName: String = "stack-dev") throws -> EvaluatedTemplate {
  let samconfig = """
    version = 0.1
    [\(environment).deploy.parameters]
    stack_name = "\(stackName)"
    region = "\(region)"
    parameter_overrides = "\(overrides.replacingAll("\"", with: "\\\""))"
    """
  let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: samconfig))
  let configuration = try DeployConfiguration.resolve(environment: environment, samconfig: config, command: nil)
  return TemplateEvaluator.evaluate(try template(yaml), configuration: configuration)
}
