import Diagnostics

/// Computes `ImageFacts` by replaying a stage's FROM chain the way BuildKit dispatches it.
///
/// Variable scope per instruction (https://docs.docker.com/reference/dockerfile/#scope):
/// global ARGs are visible to FROM lines only; inside a stage an `ARG NAME` without a
/// default takes the global value, `ARG NAME=default` its default (or the given build
/// argument); ENV persists across instructions and into stages built FROM this one, and
/// wins over an ARG of the same name. ENTRYPOINT clears a CMD inherited from the base
/// unless the same stage sets CMD.
struct ImageFactsBuilder {
  let dockerfile: Dockerfile
  let buildArguments: BuildArguments

  private var escape: Unicode.Scalar { dockerfile.escapeToken }

  func facts(for index: Int) -> ImageFacts {
    var chain = [index]
    while case .stage(let parent) = dockerfile.stages[chain[0]].base, parent < chain[0] { chain.insert(parent, at: 0) }
    let globals = globalScope()
    var facts = rootFacts(dockerfile.stages[chain[0]], globals: globals)
    for stageIndex in chain {
      apply(dockerfile.stages[stageIndex], to: &facts, globals: globals)
    }
    facts.stageIndex = index
    facts.stageChain = chain
    return finished(facts)
  }

  /// The build-context sources (COPY/ADD from the context) of every stage, by stage
  /// index: each stage is replayed once on its base stage's facts. A stage's facts are
  /// kept only until the last stage built on it has taken them (then handed over without
  /// a copy), so a long FROM chain over a large ENV costs time and memory in proportion
  /// to the file, not to stages × variables.
  func contextSourcesOfAllStages() -> [[ImageFacts.ContextSource]] {
    let globals = globalScope()
    var children = [Int](repeating: 0, count: dockerfile.stages.count)
    for stage in dockerfile.stages {
      if case .stage(let parent) = stage.base, parent < stage.index { children[parent] += 1 }
    }
    var kept: [Int: ImageFacts] = [:]
    var sources: [[ImageFacts.ContextSource]] = []
    for stage in dockerfile.stages {
      var facts: ImageFacts
      if case .stage(let parent) = stage.base, parent < stage.index, let inherited = kept[parent] {
        children[parent] -= 1
        if children[parent] == 0 { kept[parent] = nil }
        facts = inherited
        facts.stageChain.append(stage.index)
        facts.contextSources = []
      } else {
        facts = rootFacts(stage, globals: globals)
        facts.stageChain = [stage.index]
      }
      facts.stageIndex = stage.index
      apply(stage, to: &facts, globals: globals)
      sources.append(facts.contextSources)
      if children[stage.index] > 0 { kept[stage.index] = facts }
    }
    return sources
  }

  /// Empty facts for a chain whose root stage is `root`.
  private func rootFacts(_ root: Stage, globals: VariableScope) -> ImageFacts {
    let earlier = Dictionary(dockerfile.stages[..<root.index].compactMap { stage in stage.name.map { ($0, stage.index) } }, uniquingKeysWith: { $1 })
    let rootBase = Stage.base(for: globals.expand(root.from.image, escapeToken: escape), earlierStages: earlier)
    var profile: BaseImageProfile?
    switch rootBase {
    case .image(let reference): profile = BaseImageCatalog.profile(for: reference)
    case .scratch: profile = BaseImageCatalog.scratch
    default: profile = nil
    }
    var facts = ImageFacts(stageIndex: root.index, stageChain: [root.index], base: Located(rootBase, at: root.location), baseProfile: profile)
    facts.environmentScope.budget = globals.budget
    return facts
  }

  /// Resolves the USER again against every account (a user created after the USER line
  /// still exists in the image).
  private func finished(_ facts: ImageFacts) -> ImageFacts {
    var facts = facts
    if let user = facts.user {
      facts.user?.value.resolution = UserResolution.resolve(user.value.user, accounts: facts.accounts, changes: facts.accountChanges, base: facts.baseProfile, at: user.location)
    }
    return facts
  }

  /// The global ARGs with their values.
  func globalScope() -> VariableScope {
    var scope = buildArguments.initialGlobalScope
    // One expansion budget for the whole replay: the stages' scopes take it from here
    // (`rootFacts`).
    scope.budget = ExpansionBudget()
    for located in dockerfile.globalArgs {
      guard case .arg(let declarations) = located.instruction else { continue }
      for declaration in declarations {
        scope[declaration.name] = buildArguments.value(for: declaration, in: scope, escapeToken: escape)
      }
    }
    return scope
  }

  private func apply(_ stage: Stage, to facts: inout ImageFacts, globals: VariableScope) {
    // The variables an instruction sees: the stage's ARGs with the ENV (inherited or set
    // here) over them. Kept up to date as ARG and ENV run, so each instruction reads it
    // in constant time (rebuilding it per instruction made a file of n ENV lines cost n²).
    var current = facts.environmentScope
    var cmdSetHere = false
    for located in stage.instructions {
      let location = located.location
      switch located.instruction {
      case .arg(let declarations):
        for declaration in declarations {
          let value: VariableValue?
          if declaration.defaultValue == nil, let global = globals[declaration.name] {
            value = global
          } else {
            value = buildArguments.value(for: declaration, in: current, escapeToken: escape)
          }
          // An ENV of the same name wins over the ARG (https://docs.docker.com/reference/dockerfile/#using-arg-variables).
          if facts.environment[declaration.name] == nil { current[declaration.name] = value }
        }
      case .env(let pairs):
        for pair in pairs {
          let key = current.expand(pair.key, escapeToken: escape).description
          let value = current.expand(pair.value, escapeToken: escape)
          facts.environment[key] = Located(value, at: location)
          current[key] = Self.variable(value)
          facts.environmentScope[key] = Self.variable(value)
        }
      case .label(let pairs):
        for pair in pairs {
          facts.labels[current.expand(pair.key, escapeToken: escape).description] = Located(current.expand(pair.value, escapeToken: escape), at: location)
        }
      case .maintainer(let name):
        // MAINTAINER sets the image's Author field, not a label
        // (https://docs.docker.com/reference/dockerfile/#maintainer-deprecated).
        facts.author = Located(name, at: location)
      case .user(let written):
        let expanded = current.expand(written, escapeToken: escape)
        var userPart = expanded
        var group: String?
        if case .resolved(let text) = expanded, let colon = text.firstIndex(of: ":") {
          userPart = .resolved(String(text[..<colon]))
          group = String(text[text.index(after: colon)...])
        }
        let resolution = UserResolution.resolve(userPart, accounts: facts.accounts, changes: facts.accountChanges, base: facts.baseProfile, at: location)
        facts.user = Located(UserSetting(written: written, user: userPart, group: group, resolution: resolution), at: location)
      case .workdir(let path):
        let expanded = current.expand(path, escapeToken: escape)
        facts.workdir = Located(join(expanded, onto: facts.workdir?.value), at: location)
      case .expose(let entries):
        for entry in entries {
          for word in current.expandWords(entry, escapeToken: escape) {
            switch word {
            case .resolved(let text):
              let port: ExposedPort = PortSpec.parse(text).map { .port($0) }
                ?? .unresolved(expression: entry, reason: "`\(text)` is not a port specification")
              facts.exposedPorts.append(Located(port, at: location))
            case .unresolved(let expression, let reason):
              facts.exposedPorts.append(Located(.unresolved(expression: expression, reason: reason), at: location))
            }
          }
        }
      case .volume(let entries):
        for entry in entries {
          facts.volumes += (located.syntax.isJSON ? [current.expand(entry, escapeToken: escape)] : current.expandWords(entry, escapeToken: escape)).map { Located($0, at: location) }
        }
      case .healthcheck(let check):
        facts.healthcheck = Located(check, at: location)
        facts.healthcheckMalformed = located.syntax.malformedExecForm
      case .cmd(let command):
        facts.cmd = Located(command, at: location)
        facts.cmdArguments = StartCommand.arguments(of: command, shell: facts.runtimeShell)
        facts.cmdMalformed = located.syntax.malformedExecForm
        cmdSetHere = true
      case .entrypoint(let command):
        facts.entrypoint = Located(command, at: location)
        facts.entrypointArguments = StartCommand.arguments(of: command, shell: facts.runtimeShell)
        facts.entrypointMalformed = located.syntax.malformedExecForm
        if !cmdSetHere {
          facts.cmd = nil
          facts.cmdArguments = nil
          facts.cmdMalformed = nil
        }
      case .shell(let shell):
        facts.shell = Located(shell, at: location)
      case .stopSignal(let signal):
        facts.stopSignal = Located(current.expand(signal, escapeToken: escape), at: location)
      case .run(let run):
        let analysis = RunCommandAnalysis(run, scope: current)
        for operation in analysis.packages {
          facts.packageOperations.append(Located(operation, at: location))
          facts.programEvents.append(Located(.package(operation), at: location))
        }
        facts.accounts += analysis.accounts.map { Located($0, at: location) }
        let commandText: String
        switch run.command {
        case .shell(let text): commandText = text
        case .exec(let arguments): commandText = arguments.joined(separator: " ")
        }
        let text = [commandText] + run.heredocs.map(\.content)
        let joined = text.joined(separator: "\n")
        if joined.contains("usermod") || joined.contains("/etc/passwd") {
          facts.accountChanges.append(Located("a RUN that runs usermod or names /etc/passwd", at: location))
        }
        facts.fileEvents.append(Located(.run(joined), at: location))
      case .copy(let copy):
        if copy.from == nil {
          facts.contextSources += copy.sources.map { .init(written: $0, source: current.expand($0, escapeToken: escape), location: location) }
        }
        recordCopies(copy.sources + copy.heredocSources.map(\.name), destination: copy.destination, location: location, scope: current, into: &facts)
        recordFileEvent(copy.from == nil && copy.heredocSources.isEmpty ? copy.sources : nil, destination: copy.destination, location: location, scope: current, into: &facts)
      case .add(let add):
        facts.contextSources += add.sources.filter { !AddInstruction.isRemote($0) }.map {
          .init(written: $0, source: current.expand($0, escapeToken: escape), location: location)
        }
        recordCopies(add.sources + add.heredocSources.map(\.name), destination: add.destination, location: location, scope: current, into: &facts)
        let local = add.heredocSources.isEmpty && !add.sources.contains(where: AddInstruction.isRemote)
        recordFileEvent(local ? add.sources : nil, destination: add.destination, location: location, scope: current, into: &facts)
      case .onbuild:
        facts.onbuildTriggers.append(located)
      case .from:
        break
      }
    }
  }

  /// How an ENV value reads when a later instruction expands it.
  private static func variable(_ value: ExpandedValue) -> VariableValue {
    value.resolvedValue.map { .value($0) } ?? .unknown
  }

  static let programDirectories = ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"]

  /// COPY and ADD destinations that may replace the user database (`/etc/passwd`).
  static let userDatabaseDestinations: Set = ["/etc/passwd", "/etc", "/etc/", "/"]

  /// Records COPY/ADD results that land in a program directory, and a copy that may
  /// replace the user database (`accountChanges`).
  private func recordCopies(_ sources: [String], destination: String, location: SourceLocation, scope: VariableScope, into facts: inout ImageFacts) {
    let target = scope.expand(destination, escapeToken: escape)
    // A copy that may replace /etc/passwd (or a destination not known statically).
    let mayRewriteUsers: Bool
    if case .resolved(let path) = target { mayRewriteUsers = Self.userDatabaseDestinations.contains(path) } else { mayRewriteUsers = true }
    if mayRewriteUsers { facts.accountChanges.append(Located("a copy to \(destination)", at: location)) }
    guard case .resolved(let expandedDestination) = target else { return }
    let directoryDestination = expandedDestination.hasSuffix("/") || sources.count > 1
    guard case .resolved(let target) = join(.resolved(expandedDestination), onto: facts.workdir?.value) else { return }
    for source in sources {
      let expandedSource = scope.expand(source, escapeToken: escape).resolvedValue ?? source
      let isDirectory = expandedSource.hasSuffix("/") || expandedSource == "." || expandedSource.contains(where: { "*?[".contains($0) })
      let path: String
      if isDirectory {
        path = target + "/"
      } else if directoryDestination {
        let name = expandedSource.split(separator: "/").last.map(String.init) ?? expandedSource
        path = PathClean.clean(target + "/" + name)
      } else {
        path = target
      }
      let directory = isDirectory ? target : String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
      guard Self.programDirectories.contains(directory.isEmpty ? "/" : directory) else { continue }
      facts.programPathCopies.append(Located(path, at: location))
      facts.programEvents.append(Located(.copied(path: path), at: location))
    }
  }

  /// Records a COPY/ADD for `ImageFacts.origin(ofImagePath:…)`; `sources` nil: not from
  /// the build context.
  private func recordFileEvent(_ sources: [String]?, destination: String, location: SourceLocation, scope: VariableScope, into facts: inout ImageFacts) {
    let expandedDestination = scope.expand(destination, escapeToken: escape)
    let joined = join(expandedDestination, onto: facts.workdir?.value).resolvedValue
    let isDirectory = expandedDestination.resolvedValue?.hasSuffix("/") ?? false
    let expandedSources = (sources ?? []).map { scope.expand($0, escapeToken: escape).resolvedValue }
    facts.fileEvents.append(Located(.copy(sources: expandedSources, destination: joined, destinationIsDirectory: isDirectory, fromContext: sources != nil), at: location))
  }

  /// Joins a WORKDIR (or COPY destination) onto the current working directory.
  private func join(_ path: ExpandedValue, onto current: ExpandedValue?) -> ExpandedValue {
    guard case .resolved(let text) = path else { return path }
    let joined: String
    switch current {
    case .resolved(let base)? where !text.hasPrefix("/"): joined = PathClean.clean(base + "/" + text)
    case .unresolved(let expression, let reason)? where !text.hasPrefix("/"):
      // The expression as written grows with each relative WORKDIR: it stops growing at
      // the longest path a directory can have.
      let grown = expression + "/" + text
      return .unresolved(expression: grown.utf8.count < Self.maximumPathBytes ? grown : expression, reason: reason)
    default: joined = PathClean.clean(text.hasPrefix("/") ? text : "/" + text)
    }
    guard joined.utf8.count < Self.maximumPathBytes else {
      return .unresolved(
        expression: String(joined.prefix(80)) + "…",
        reason: "the working directory would be \(joined.utf8.count) bytes long, past Linux's PATH_MAX of \(Self.maximumPathBytes) (a build cannot create it)")
    }
    return .resolved(joined)
  }

  /// PATH_MAX on Linux, the terminating NUL included: a path of this many bytes or more
  /// cannot be created or entered (limits.h; path_resolution(7)). A WORKDIR past it is
  /// left unresolved: a chain of 16,000 relative WORKDIRs had taken 60 s and 918 MB, and
  /// one of 182 names of 10,000 characters had let the start script's check pass.
  static let maximumPathBytes = 4_096
}
