import Diagnostics

/// The effective configuration of the image a stage produces: what a container started
/// from it gets.
///
/// A stage FROM another stage inherits that stage's ENV, USER, WORKDIR, EXPOSE, LABEL,
/// HEALTHCHECK, CMD, ENTRYPOINT, SHELL and installed programs, so the facts follow the
/// whole FROM chain (`stageChain`, root first). ARGs are not inherited. Facts set by the
/// external base image are not known, except what `BaseImageCatalog` says about its
/// programs and users. Every fact keeps the location of the instruction that set it;
/// values that depend on unknown build arguments are `.unresolved`. See "Dockerfile
/// reference" (https://docs.docker.com/reference/dockerfile/) for each instruction.
public struct ImageFacts: Sendable {
  /// The stage whose image this is, and its FROM chain from the root stage to it.
  public var stageIndex: Int
  public var stageChain: [Int]
  /// The root stage's base, at the root stage's FROM.
  public var base: Located<StageBase>
  /// The catalog's profile of the base image, if it knows it.
  public var baseProfile: BaseImageProfile?
  /// ENV variables by name (expanded values).
  public var environment: [String: Located<ExpandedValue>] = [:]
  /// Labels by key (quotes removed, variables expanded); MAINTAINER sets `maintainer`.
  public var labels: [String: Located<ExpandedValue>] = [:]
  /// The Author field the deprecated MAINTAINER sets (it is not a label).
  public var author: Located<String>?
  /// The last USER, with its resolution; nil if no USER was set (the base image's user).
  public var user: Located<UserSetting>?
  /// The absolute working directory (relative WORKDIRs joined); nil if none was set.
  public var workdir: Located<ExpandedValue>?
  public var exposedPorts: [Located<ExposedPort>] = []
  public var volumes: [Located<ExpandedValue>] = []
  public var healthcheck: Located<HealthCheckInstruction>?
  public var cmd: Located<CommandForm>?
  public var entrypoint: Located<CommandForm>?
  public var shell: Located<[String]>?
  /// The argv of `cmd` and `entrypoint`, shell forms wrapped in the SHELL in effect at
  /// their line (see `StartCommand`).
  var cmdArguments: [String]?
  var entrypointArguments: [String]?
  /// Set when `cmd`, `entrypoint` or `healthcheck` begins with `[` but is not a JSON array
  /// (read as the shell form).
  var cmdMalformed: MalformedExecForm?
  var entrypointMalformed: MalformedExecForm?
  public var healthcheckMalformed: MalformedExecForm?
  public var stopSignal: Located<ExpandedValue>?
  /// Package installs and removals, in build order.
  public var packageOperations: [Located<PackageOperation>] = []
  /// Users and groups created by RUN, in build order.
  public var accounts: [Located<UserAccount>] = []
  /// Steps that may rewrite the user database after accounts are created, in build order
  /// (what each does): a RUN that runs `usermod` or names `/etc/passwd`, a COPY or ADD
  /// to `/etc/passwd`, `/etc` or `/` or to a destination not known statically. A user's
  /// UID is not known past one.
  public var accountChanges: [Located<String>] = []
  /// Files COPY/ADD put on a program path (`/usr/local/bin/tool`); a directory copied
  /// there is recorded as the directory with a trailing `/`.
  public var programPathCopies: [Located<String>] = []
  /// ONBUILD triggers (they run in images built FROM this one, not here).
  public var onbuildTriggers: [LocatedInstruction] = []
  /// Every event that changes the image's programs, in build order.
  var programEvents: [Located<ProgramEvent>] = []
  /// `environment` as the variables a later instruction expands with (kept alongside so a
  /// stage built on this one starts from it without rebuilding it).
  var environmentScope = VariableScope()
  /// COPY/ADD and RUN steps of the chain's stages, in build order (see `origin(ofImagePath:…)`).
  public var fileEvents: [Located<ImageFileEvent>] = []
  /// COPY/ADD sources read from the build context by the chain's stages.
  var contextSources: [ContextSource] = []

  struct ContextSource: Sendable {
    var written: String
    var source: ExpandedValue
    var location: SourceLocation
  }

  enum ProgramEvent: Sendable {
    case package(PackageOperation)
    case copied(path: String)
  }

  /// What a container started from the image runs (ENTRYPOINT and CMD combined), nil
  /// when the Dockerfile sets neither (the base image's command runs).
  public var startCommand: StartCommand? {
    if let entrypoint, let entrypointArguments {
      if case .shell = entrypoint.value {
        return StartCommand(arguments: entrypointArguments, entrypoint: entrypoint.location, cmd: nil, malformedExecForm: entrypointMalformed)
      }
      // A malformed CMD here is not run by a shell: its shell-form argv (`/bin/sh -c TEXT`)
      // becomes the program's last arguments.
      return StartCommand(arguments: entrypointArguments + (cmdArguments ?? []), entrypoint: entrypoint.location, cmd: cmd?.location)
    }
    guard let cmd, let cmdArguments else { return nil }
    return StartCommand(arguments: cmdArguments, entrypoint: nil, cmd: cmd.location, malformedExecForm: cmdMalformed)
  }

  /// The shell the container runtime runs a shell-form HEALTHCHECK (`CMD-SHELL`) with: the
  /// image's last SHELL, else `/bin/sh -c` (moby `daemon/health.go`, `getShell`).
  public var runtimeShell: [String] { shell?.value ?? StartCommand.defaultShell }

  /// Who the image runs as: the last USER's resolution, or, without a USER, the base
  /// image's default user (root for the catalog's images unless a tag says otherwise),
  /// unresolved for a base image the catalog does not know.
  public var effectiveUser: UserResolution {
    if let user { return user.value.resolution }
    if case .scratch = base.value {
      return .root(Evidence("no USER is set and the image is built FROM scratch, so processes run as UID 0", at: base.location))
    }
    guard let baseProfile else {
      return .unresolved(Evidence("no USER is set and the base image's default user is not known", at: base.location))
    }
    let name = baseProfile.defaultUser
    let uid = baseProfile.users[name] ?? 0
    let evidence = Evidence("no USER is set; base image \(baseProfile.name) runs as \(name) (UID \(uid))", at: base.location)
    return uid == 0 ? .root(evidence) : .nonRoot(uid: uid, name: name, evidence)
  }

  /// Whether the image has `name` on its PATH: packages installed or removed by RUN and
  /// files copied to a program directory decide, in build order; otherwise the base image
  /// (scratch: absent; not in the catalog or unresolved: unknown).
  public func providesProgram(_ name: String) -> ProgramAvailability {
    var verdict: ProgramAvailability?
    for event in programEvents {
      switch event.value {
      case .package(let operation) where operation.manager == .pip:
        guard operation.package == name.lowercased(), !(verdict?.isPresent ?? false) else { continue }
        verdict = .unknown(Evidence(
          "pip package `\(operation.package)` is installed by `\(operation.command)`; its console scripts are not known",
          at: event.location))
      case .package(let operation):
        let (programs, known) = PackagePrograms.programs(of: operation.package)
        guard programs.contains(name) else { continue }
        let assumed = known ? "" : " (assumed to provide a program of the same name)"
        verdict = operation.action == .install
          ? .present(Evidence("package `\(operation.package)` is installed by `\(operation.command)`\(assumed)", at: event.location))
          : .absent(Evidence("package `\(operation.package)` is removed by `\(operation.command)`", at: event.location))
      case .copied(let path):
        if path.hasSuffix("/") {
          if verdict == nil {
            verdict = .unknown(Evidence("a directory is copied into \(path); its files are not known", at: event.location))
          }
        } else if path.split(separator: "/").last.map(String.init) == name {
          verdict = .present(Evidence("copied to \(path)", at: event.location))
        }
      }
    }
    if let verdict { return verdict }
    switch base.value {
    case .scratch:
      return .absent(Evidence("the image is built FROM scratch and nothing installs `\(name)`", at: base.location))
    case .unresolved(let expression, let reason):
      return .unknown(Evidence("the base image `\(expression)` is not known: \(reason)", at: base.location))
    case .stage:
      return .unknown(Evidence("the base stage could not be followed", at: base.location))
    case .image(let reference):
      guard let baseProfile else {
        return .unknown(Evidence("base image `\(reference)` is not in the catalog of known images, and nothing in the Dockerfile installs `\(name)`", at: base.location))
      }
      let availability = baseProfile.availability(of: name)
      let reason = availability.evidence.reason + (availability.isPresent ? "" : "; no RUN installs it and no COPY puts it on a program path")
      switch availability {
      case .present: return .present(Evidence(reason, at: base.location))
      case .absent: return .absent(Evidence(reason, at: base.location))
      case .unknown: return .unknown(Evidence(reason, at: base.location))
      }
    }
  }
}
