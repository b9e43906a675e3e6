import Diagnostics
import DockerfileModel
import ProjectModel

/// What a rule that reads the Dockerfile, the `.dockerignore` or the build context may
/// claim when a custom BuildKit frontend builds the image (the Dockerfile's `# syntax=`,
/// `ParserDirectives.customFrontend`, or a `BUILDKIT_SYNTAX` build argument in the deploy
/// script: `customFrontend(in:)`): that image decides what the file means, so a pass
/// read at Docker's own Dockerfile semantics becomes needs-evidence naming the directive
/// and where it is. A failure stands (the file as written fails at those semantics); the
/// other requirements of a multi-requirement rule that the failure does not name carry
/// the same reason (`Verdict.undecidedNote`) instead of passing. Applied by `RuleEngine`
/// to every rule whose artifacts include one of the three.
enum CustomFrontendLimit {
  static let artifacts: Set<Artifact> = [.dockerfile, .dockerignore, .buildContext]

  /// Why a custom frontend builds the image, and where that is written.
  typealias Reason = (note: String, location: SourceLocation)

  /// `verdict` limited by `frontend`, the project's `customFrontend(in:)` (read once per
  /// run by `RuleEngine`: it scans every config env's image builds).
  static func limit(_ verdict: Verdict, of definition: RuleDefinition, frontend: Reason?) -> Verdict {
    guard let reason = frontend, verdict.status == .pass || verdict.status == .fail || verdict.status == .warn,
      !artifacts.isDisjoint(with: definition.artifacts)
    else { return verdict }
    let frontend = reason.location
    guard verdict.status == .pass else {
      var kept = verdict
      if kept.undecidedNote == nil { kept.undecidedNote = reason.note }
      return kept
    }
    var limited = Verdict.needsEvidence("\(reason.note); read at Docker's own Dockerfile semantics: \(verdict.note)", evidence: verdict.evidence + [frontend])
    limited.passNote = verdict.passNote
    return limited
  }

  /// Why a custom frontend builds the image, and where that is written: the Dockerfile's
  /// `# syntax=` directive, or a `--build-arg BUILDKIT_SYNTAX[=IMAGE]` on a build in the
  /// deploy script, which BuildKit prefers to the directive (a value from the caller's
  /// environment counts: it can name any frontend). Reference: "Custom Dockerfile syntax",
  /// https://docs.docker.com/build/buildkit/frontend/
  static func customFrontend(in project: Project) -> Reason? {
    for name in project.deployRuns.keys.sorted() {
      for build in project.deployRuns[name]!.imageBuilds {
        for argument in build.values(ofFlag: "--build-arg") {
          let text = argument.literal ?? argument.value.knownPrefix
          guard text == "BUILDKIT_SYNTAX" || text.hasPrefix("BUILDKIT_SYNTAX=") else { continue }
          let image = argument.literal.map { String($0.dropFirst("BUILDKIT_SYNTAX=".count)) }
          if let image, text != "BUILDKIT_SYNTAX", ParserDirectives.isDockerFrontend(image) { continue }
          return ("`--build-arg \(argument.description)` at \(argument.location) hands the build to a BuildKit frontend other than Docker's own Dockerfile frontend, which decides what the Dockerfile means", argument.location)
        }
      }
    }
    guard let frontend = project.dockerfile?.directives.customFrontend else { return nil }
    return ("the syntax directive `\(frontend.value)` at \(frontend.location) hands the build to a custom BuildKit frontend, which decides what the Dockerfile means", frontend.location)
  }
}
