import Diagnostics
import TemplateModel

/// libFuzzer entry: the bytes as a template file, loaded, checked and evaluated for a
/// config env with no samconfig (template defaults) and for one with parameter
/// overrides, then walked through the typed views the rules use. Any outcome but a
/// crash, hang or runaway allocation is fine: an `InputError` is the expected answer to
/// most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let source = try? SourceText(file: "template.yaml", bytes: bytes),
    let template = try? Template.load(source)
  else { return 0 }
  let samconfig = try? SamConfig.load(SourceText(file: "samconfig.toml", text: """
    version = 0.1
    [prod.deploy.parameters]
    stack_name = "fuzz-prod"
    region = "eu-west-1"
    parameter_overrides = "Environment=prod ImageTag=1.0 DesiredCount=2"
    """))
  for environment in ["default", "prod"] {
    guard let configuration = try? DeployConfiguration.resolve(environment: environment, samconfig: samconfig, command: nil) else { continue }
    let evaluated = TemplateEvaluator.evaluate(template, configuration: configuration)
    for service in evaluated.services {
      _ = evaluated.taskDefinition(of: service)
      _ = evaluated.cluster(of: service)
      _ = evaluated.loadBalancerBindings(of: service)
      _ = evaluated.scalableTargets(of: service).map { evaluated.scalingPolicies(of: $0) }
      _ = evaluated.securityGroups(ofService: service)
    }
    _ = evaluated.serviceContainers.map { $0.portMappings }
    _ = evaluated.serviceTargetGroups
    _ = evaluated.loadBalancers.map { evaluated.listeners(of: $0) }
  }
  return 0
}
