import DockerfileModel
import TemplateModel

/// 1.6: the container accepts the backend URL as an environment variable: the image
/// declares it (with a default), and where the task definition sets it, it sets it by that name.
struct APIBaseURLRule: Rule {
  static let definition = RuleDefinition(
    id: "api-base-url-env",
    requirements: ["1.6"],
    title: "Image declares the backend URL environment variable",
    rationale: "The dashboard reads the API address from its environment, so one image serves every env; the image declares the variable with a default and the task definition overrides it per env.",
    scope: .repository, kind: .crossFile, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#env"],
    examples: [
      .compliant(),
      .change("variable renamed in the image and the task definition", .edit(.dockerfile, "    API_BASE_URL=https://api.vibejudge.ai", "    BACKEND_URL=https://api.vibejudge.ai"), .edit(.template, "            - Name: API_BASE_URL", "            - Name: BACKEND_URL")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .notApplicable("no Dockerfile") }
    guard let name = context.value("environment-variable")?.text else { return .missingValue("environment-variable", of: "1.6") }
    let declared = dockerfile.finalImage.environment[name]
    let setByTask = context.project.environments.contains { environment in
      environment.serviceContainers.contains { ($0["Environment"]?.list ?? []).contains { $0["Name"]?.string == name } }
    }
    if let declared { return .pass("ENV \(name)=\(declared.value) in the image" + (setByTask ? "; the task definition sets it per env" : ""), evidence: [declared.location]) }
    if setByTask { return .pass("the task definition sets \(name)") }
    let at = dockerfile.finalStage.location
    return .fail(.error("neither the image (ENV) nor the task definition declares \(name); \(context.value("environment-variable")!.cited) requires the container to accept it", at: at))
  }
}
