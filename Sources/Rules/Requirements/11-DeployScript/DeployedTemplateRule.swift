import Diagnostics
import Foundation
import ProjectModel
import ShellScriptModel

/// 11.5: every `sam deploy` of the script deploys the template and reads the samconfig
/// that vibe-rules checks: `--template-file` (or `--template`, `-t`) and `--config-file`
/// name those files, or, without `--template-file` and without a `sam build` before it,
/// the `template.yaml` (or `.yml`) of the directory it runs in is that template.
struct DeployedTemplateRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-uses-checked-template",
    requirements: ["11.5"],
    title: "sam deploy deploys the template and samconfig vibe-rules checks",
    rationale: "Every template and samconfig verdict is decided from one template and one samconfig. A sam deploy that names another template (--template-file) or another configuration file (--config-file) deploys files those verdicts never saw; one that names a file that does not exist fails (SAM CLI refuses a --config-file it cannot find). Without --template-file, sam deploy reads template.yaml or template.yml in its directory, or what sam build built.",
    scope: .perEnvironment, kind: .crossFile, artifacts: [.deployScript],
    sources: [
      "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html",
      "https://github.com/aws/aws-sam-cli/issues/3899",
    ],
    examples: [
      .compliant(),
      .change("deploys a template.yml that does not exist", .edit(.deployScript, "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/template.yaml\"", "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/template.yml\"")),
      .change("reads a samconfig.yaml that does not exist", .edit(.deployScript, "readonly SAM_CONFIG=\"${REPO_ROOT}/infra/samconfig.toml\"", "readonly SAM_CONFIG=\"${REPO_ROOT}/infra/samconfig.yaml\"")),
      .change("deploys another template of the repository", .edit(.deployScript, "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/template.yaml\"", "readonly SAM_TEMPLATE=\"${REPO_ROOT}/REQUIREMENTS.md\"")),
      .change("the same template named another way", .edit(.deployScript, "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/template.yaml\"", "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/../infra/./template.yaml\""), expect: .pass),
      .change("the template comes from the caller's TEMPLATE_PATH", .edit(.deployScript, "readonly SAM_TEMPLATE=\"${REPO_ROOT}/infra/template.yaml\"", "readonly SAM_TEMPLATE=\"${TEMPLATE_PATH}\""), expect: .needsEvidence),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let project = context.project
    guard let run = context.deployRun, let script = project.deployScriptFile else { return .absent("no deploy script") }
    let deploys = run.samDeploys
    guard !deploys.isEmpty else { return .notApplicable("the deploy script runs no sam deploy") }
    let scriptDirectory = URL(fileURLWithPath: script.path).deletingLastPathComponent().standardizedFileURL
    var findings: [Finding] = []
    var unknown: [String] = []
    let track = BuildWorkingDirectory.Track(run.evaluation)
    // Where the first `sam build` runs: a deploy after it reads what it built.
    let firstSamBuild = run.evaluation.commands.first { $0.isCommand("sam") && $0.isSubcommand("build") }?.order
    for deploy in deploys {
      func check(_ argument: Argument?, checked: ArtifactFile?, what: String, option: String, defaultFile: () -> BuildWorkingDirectory.File?) {
        let file = argument.map { BuildWorkingDirectory.file($0.value, of: deploy, in: track, scriptDirectory: scriptDirectory) } ?? defaultFile()
        guard let file else { return }
        guard case .path(let path) = file else {
          if case .unknown(let reason) = file { unknown.append("the \(what) of the sam deploy at line \(deploy.location.line): \(reason)") }
          return
        }
        let shown = BuildWorkingDirectory.display(path, root: project.root)
        let at = argument?.location ?? deploy.location
        let checkedPath = checked.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        if path == checkedPath { return }
        if FileBytes.size(of: path) == nil {
          findings.append(.error("the sam deploy at line \(deploy.location.line) \(argument == nil ? "reads the default \(what)" : "names \(what)") \(shown), which does not exist: the deploy fails", at: at))
        } else {
          let checks = checked.map { "vibe-rules checks \($0.displayName)" } ?? "vibe-rules found none to check"
          findings.append(.error("the sam deploy at line \(deploy.location.line) deploys with \(what) \(shown), but \(checks) (choose it with \(option)): the checked file is not the one deployed", at: at, related: checked.map { [.init("the checked \(what)", at: .start(of: $0.displayName))] } ?? []))
        }
      }
      check(deploy.value(ofFlag: "--template-file", "--template", "-t"), checked: project.templateFile, what: "template", option: "--template") {
        // Without the flag: what `sam build` built, if it ran before; else the directory's own.
        guard firstSamBuild.map({ $0 >= deploy.order }) ?? true else { return nil }
        switch track.before(deploy) {
        case .unknown(let reason): return .unknown(reason)
        case .relative(let directory):
          let base = directory.reduce(scriptDirectory) { $0.appendingPathComponent($1) }
          let candidates = ["template.yaml", "template.yml"].map { base.appendingPathComponent($0).standardizedFileURL.path }
          return .path(candidates.first { FileBytes.size(of: $0) != nil } ?? candidates[0])
        }
      }
      check(deploy.value(ofFlag: "--config-file"), checked: project.samconfigFile, what: "samconfig", option: "--samconfig") { nil }
    }
    if findings.isEmpty && !unknown.isEmpty {
      return .needsEvidence("which files sam deploy reads cannot be read statically: " + unknown.uniqued(by: { $0 }).joined(separator: "; "))
    }
    let read = [project.templateFile?.displayName, project.samconfigFile?.displayName].compactMap { $0 }
    return Verdict(findings: findings, passNote: "sam deploy reads \(read.joined(separator: " and "))", evidence: deploys.map(\.location).uniqued(by: { $0 }))
  }
}
