import DockerfileModel
import ProjectModel

/// What a rule that reads the Dockerfile, the `.dockerignore` or the build context may
/// claim when the Dockerfile's `# syntax=` names a custom BuildKit frontend
/// (`ParserDirectives.customFrontend`): that image decides what the file means, so a pass
/// read at Docker's own Dockerfile semantics becomes needs-evidence naming the directive
/// and where it is. A failure stands (the file as written fails at those semantics); the
/// other requirements of a multi-requirement rule that the failure does not name carry
/// the same reason (`Verdict.undecidedNote`) instead of passing. Applied by `RuleEngine`
/// to every rule whose artifacts include one of the three.
enum CustomFrontendLimit {
  static let artifacts: Set<Artifact> = [.dockerfile, .dockerignore, .buildContext]

  static func limit(_ verdict: Verdict, of definition: RuleDefinition, in project: Project) -> Verdict {
    guard verdict.status == .pass || verdict.status == .fail || verdict.status == .warn,
      !artifacts.isDisjoint(with: definition.artifacts), let frontend = project.dockerfile?.directives.customFrontend
    else { return verdict }
    let reason = "`# syntax=\(frontend.value)` at \(frontend.location) hands the build to a custom BuildKit frontend, which decides what the Dockerfile means"
    guard verdict.status == .pass else {
      var kept = verdict
      if kept.undecidedNote == nil { kept.undecidedNote = reason }
      return kept
    }
    var limited = Verdict.needsEvidence("\(reason); read at Docker's own Dockerfile semantics: \(verdict.note)", evidence: verdict.evidence + [frontend.location])
    limited.passNote = verdict.passNote
    return limited
  }
}
