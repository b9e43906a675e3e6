import Diagnostics
import DockerfileModel
import TemplateModel

/// 1.6: the container accepts the backend URL as an environment variable: the image
/// declares it (with a default), and where the task definition sets it, it sets it by that name;
/// and the app reads it. The app is the Python script the start command runs
/// (`StartScript`) with the other `.py` files of its build-context folder; it reads the
/// variable when one of them calls `os.environ.get("NAME"`, `os.getenv("NAME"`,
/// `os.environ["NAME"]` (or `environ.setdefault`/`environ.pop`) with that literal name
/// (https://docs.python.org/3/library/os.html#os.environ). When the script is not in the
/// build context (another origin, not known statically), only the declarations are checked.
struct APIBaseURLRule: Rule {
  static let definition = RuleDefinition(
    id: "api-base-url-env",
    requirements: ["1.6"],
    title: "Image declares the backend URL environment variable",
    rationale: "The dashboard reads the API address from its environment, so one image serves every env; the image declares the variable with a default and the task definition overrides it per env.",
    scope: .repository, kind: .crossFile, artifacts: [.dockerfile],
    sources: ["https://docs.docker.com/reference/dockerfile/#env", "https://docs.python.org/3/library/os.html#os.environ"],
    examples: [
      .compliant(),
      .fixture("Tests/RequirementTests/Fixtures/app-reads-backend-url", "the app reads BACKEND_URL instead of API_BASE_URL", expect: .fail),
      .change("variable renamed in the image and the task definition", .edit(.dockerfile, "    API_BASE_URL=https://api.vibejudge.ai", "    BACKEND_URL=https://api.vibejudge.ai"), .edit(.template, "            - Name: API_BASE_URL", "            - Name: BACKEND_URL")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    guard let dockerfile = context.project.dockerfile else { return .absent("no Dockerfile") }
    guard let name = context.value("environment-variable")?.text else { return .missingValue("environment-variable", of: "1.6") }
    // The start script, resolved and read once. When the files cannot show its text,
    // whether the app reads the variable is not known.
    if let script = StartScript.of(dockerfile.finalImage) {
      guard let imagePath = script.imagePath else {
        return .needsEvidence("the start script \(script.written) runs in a working directory the files do not decide (\(script.unknownDirectory ?? "unknown")), so whether the app reads \(name) is not known")
      }
      switch context.project.imageFile(imagePath) {
      case .context(let path, _)?:
        if let link = context.project.contextFileLink(path) {
          return .needsEvidence("\(link): the image gets the link, not the file it points to, so whether the app reads \(name) cannot be read from the files")
        }
        guard script.written.hasSuffix(".py") else { break }
        guard let main = context.project.contextFileText(path) else {
          return .needsEvidence("the start script \(path) cannot be read as a text file (not a regular file, or unreadable), so whether the app reads \(name) is not known")
        }
        if let unread = appNeverReads(name, script: script, path: path, main: main, context: context) { return .fail(unread) }
      case .missing(let reason, _, _)? where script.written.hasSuffix(".py"):
        return .needsEvidence("the start script \(script.written) cannot be read: \(reason); so whether the app reads \(name) is not known")
      default:
        break
      }
    }
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

extension APIBaseURLRule {
  /// The most `.py` files of the script's folder that are read.
  static let maximumSourceFiles = 200

  /// A finding when the app's Python sources (the start script, build-context file `path`
  /// read as `main`, and the `.py` files beside and below it in the build context, minus
  /// `.dockerignore`) never read `name`; nil when one does.
  func appNeverReads(_ name: String, script: StartScript, path: String, main: SourceText, context: RuleContext) -> Finding? {
    guard let buildContext = context.project.buildContext else { return nil }
    // The last `/` as a scalar: a combining mark after it makes it no `Character` of its own.
    let folder = path.unicodeScalars.lastIndex(of: "/").map { String(path.unicodeScalars[..<$0]) } ?? ""
    var files = [path]
    // A file whose match against `.dockerignore` is undecided (`DockerIgnore.matchBudget`
    // spent) is read: the finding stands only if no file that may be in the image reads it.
    var budget = DockerIgnore.matchBudget
    for file in BuildContext.files(below: folder, in: buildContext.path, suffix: ".py", limit: Self.maximumSourceFiles)
    where files.count < Self.maximumSourceFiles && file != path && context.project.dockerignore?.match(path: file, budget: &budget)?.excluded != true {
      files.append(file)
    }
    for file in files {
      guard let text = file == path ? main.text : context.project.contextFileText(file)?.text else { continue }
      if PythonEnvironmentRead.reads(name, in: text) { return nil }
    }
    return .error("the app never reads \(name) from its environment: no os.environ/os.getenv call names it in \(main.file)\(files.count > 1 ? " or the \(files.count - 1) other .py file(s) of its folder" : "") (the script `\(script.written)` the start command runs); \(context.value("environment-variable")!.cited) requires the dashboard to take the backend URL from it", at: .start(of: main.file), related: [.init("the start command", at: script.location)])
  }
}
