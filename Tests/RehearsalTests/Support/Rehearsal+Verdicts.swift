import Foundation

/// The rehearsal's verdicts: what the recorded calls, the outputs and the world after each
/// run say about 2.3 and 11.1-11.7. Each check reads behaviour only (which calls ran, in
/// which order, with which arguments, and what the account holds afterwards), never the
/// script's text.
extension Rehearsal {
  /// Requirement ID → verdict for this env.
  func verdicts() -> [String: RehearsalVerdict] {
    [
      "11.1": prerequisites(),
      "11.2": .combining([commitTag(firstDeploy), commitTag(update)]),
      "11.3": .combining([latestTag(firstDeploy), latestTag(update)]),
      "2.3": .combining([pushedTags(firstDeploy, requireLogin: false), pushedTags(update, requireLogin: false)]),
      "11.4": .combining([pushedTags(firstDeploy, requireLogin: true), pushedTags(update, requireLogin: true)]),
      "11.5": .combining([samDeploy(firstDeploy), samDeploy(update)]),
      "11.6": serviceWait(),
      "11.7": .combining([printedURL(firstDeploy), printedURL(update)]),
    ]
  }

  // MARK: 11.1

  /// Each probe stops the script before anything but prerequisite checks ran, with a
  /// message; the floor version itself is accepted; in a normal run the checks come first.
  func prerequisites() -> RehearsalVerdict {
    var verdicts: [RehearsalVerdict] = []
    for (tool, run) in missingTool.sorted(by: { $0.key < $1.key }) {
      verdicts.append(stoppedAtPrerequisites(run, what: "`\(tool)` missing from PATH", mentioning: tool))
    }
    verdicts.append(stoppedAtPrerequisites(oldSam, what: "SAM CLI \(samBelowFloor)", mentioning: samBelowFloor))
    verdicts.append(stoppedAtPrerequisites(daemonDown, what: "the Docker daemon down", mentioning: "Docker"))
    verdicts.append(stoppedAtPrerequisites(notGitRepository, what: "no git repository", mentioning: "git"))
    if firstDeploy.firstIndex(where: { !$0.isPrerequisiteProbe }) == nil {
      verdicts.append(.fail("SAM CLI \(samAtFloor), the floor itself, is refused: \(firstDeploy.standardError.lastLine)"))
    }
    if let firstAction = update.firstIndex(where: { !$0.isPrerequisiteProbe }),
      let lateProbe = update.lastIndex(where: \.isPrerequisiteProbe), lateProbe > firstAction
    {
      verdicts.append(.fail("`\(update.calls[lateProbe])` runs after `\(update.calls[firstAction])`: the checks do not come first"))
    }
    for probe in [("docker", "info"), ("sam", "--version")] where !update.calls.contains(where: { $0.is(probe.0, probe.1) }) {
      verdicts.append(.fail("a normal run never calls `\(probe.0) \(probe.1)`"))
    }
    return .combining(verdicts)
  }

  private func stoppedAtPrerequisites(_ run: RehearsalRun, what: String, mentioning word: String) -> RehearsalVerdict {
    if run.succeeded { return .fail("with \(what) the script exits 0") }
    if let action = run.calls.first(where: { !$0.isPrerequisiteProbe }) {
      return .fail("with \(what) the script goes on to `\(action)` before stopping (exit \(run.status))")
    }
    guard run.standardError.localizedCaseInsensitiveContains(word) else {
      return .fail("with \(what) the script stops (exit \(run.status)) without saying so: \(run.standardError.lastLine)")
    }
    return .pass("\(what): stops, exit \(run.status)")
  }

  // MARK: 11.2, 11.3

  /// The image references a run built or tagged: `docker build -t` values and `docker tag` targets.
  private func builtReferences(_ run: RehearsalRun) -> [String]? {
    let builds = run.calls.filter { $0.is("docker", "build") || $0.is("docker", "buildx", "build") }
    guard !builds.isEmpty else { return nil }
    return builds.flatMap { $0.values(of: "-t") + $0.values(of: "--tag") }
      + run.calls.filter { $0.is("docker", "tag") }.compactMap { $0.arguments.count > 2 ? $0.arguments[2] : nil }
  }

  func commitTag(_ run: RehearsalRun) -> RehearsalVerdict {
    guard let references = builtReferences(run) else {
      return run.succeeded ? .fail("the run never builds an image") : .notReached("stopped before building: \(run.standardError.lastLine)")
    }
    guard let reference = references.first(where: { $0.tag == run.imageTag }), run.world.localImages[reference] != nil else {
      return .fail("the build is tagged \(references), none with the commit \(run.imageTag) (git rev-parse --short HEAD)")
    }
    return .pass("built \(reference)")
  }

  func latestTag(_ run: RehearsalRun) -> RehearsalVerdict {
    guard let references = builtReferences(run) else {
      return run.succeeded ? .fail("the run never builds an image") : .notReached("stopped before building: \(run.standardError.lastLine)")
    }
    // 11.3 is about `latest`: compare it with the commit tag, or (when 11.2 already fails
    // for want of one) with the other tag the build gave.
    guard let built = references.first(where: { $0.tag == run.imageTag }) ?? references.first(where: { $0.tag != "latest" }),
      let image = run.world.localImages[built]
    else {
      return .fail("no image besides latest to compare latest with (tags: \(references))")
    }
    let latest = built.repository + ":latest"
    guard references.contains(latest), run.world.localImages[latest] == image else {
      return .fail("\(latest) is not the image built as \(built) (tags: \(references))")
    }
    return .pass("\(latest) is \(built)")
  }

  // MARK: 2.3, 11.4

  /// Both tags are pushed to the env's repository (the template's RepositoryName, in
  /// samconfig's region) and hold the same digest; with `requireLogin`, a docker login to
  /// that registry, fed by `aws ecr get-login-password` for that region, comes first.
  func pushedTags(_ run: RehearsalRun, requireLogin: Bool) -> RehearsalVerdict {
    let region = settings.region
    let registry = run.world.registry(region)
    if requireLogin, let wrong = wrongLogin(run, registry: registry, region: region) { return wrong }
    let pushed = run.pushedReferences
    guard !pushed.isEmpty else {
      return run.succeeded ? .fail("the run never pushes") : .notReached("stopped before pushing: \(run.standardError.lastLine)")
    }
    let repository = "\(registry)/\(settings.repositoryName)"
    let targets = pushed.map(\.reference)
    let tags = run.world.tags(region, settings.repositoryName)
    guard targets.contains("\(repository):\(run.imageTag)"), let digest = tags[run.imageTag] else {
      return .fail("\(repository):\(run.imageTag) is not in ECR after the run (pushed: \(targets))")
    }
    guard targets.contains("\(repository):latest"), tags["latest"] == digest else {
      return .fail("\(repository):latest is not the pushed commit image \(digest) (pushed: \(targets); latest is \(tags["latest"] ?? "absent"))")
    }
    if let stray = targets.first(where: { !$0.hasPrefix(repository + ":") }) {
      return .fail("pushes \(stray), outside the env's repository \(repository)")
    }
    guard requireLogin else { return .pass("\(settings.repositoryName) holds \(run.imageTag) and latest, both \(digest.prefix(19))…") }
    guard let login = run.firstIndex(where: { $0.is("docker", "login") && $0.arguments.last == registry && $0.arguments.contains("--password-stdin") }) else {
      return .fail("no `docker login --password-stdin \(registry)` in the run")
    }
    guard let token = run.firstIndex(where: { $0.is("aws", "ecr", "get-login-password") && $0.value(of: "--region") == region }), token < login else {
      return .fail("the docker login is not fed by `aws ecr get-login-password --region \(region)`")
    }
    guard let firstPush = run.firstPushIndex, login < firstPush else {
      return .fail("docker login runs after the first push")
    }
    return .pass("logs in to \(registry), then pushes \(run.imageTag) and latest")
  }

  /// A `docker login` to a registry other than the env's, or fed by a token of another
  /// region, seen in the calls even when the run stopped there.
  private func wrongLogin(_ run: RehearsalRun, registry: String, region: String) -> RehearsalVerdict? {
    for (index, call) in run.calls.enumerated() where call.is("docker", "login") {
      let server = call.arguments.dropFirst().last { !$0.hasPrefix("-") && $0 != "AWS" }
      guard server == registry else {
        return .fail("`docker login` logs in to \(server ?? "Docker Hub"), not to the env's registry \(registry)")
      }
      if let token = run.calls[..<index].last(where: { $0.is("aws", "ecr", "get-login-password") }), let tokenRegion = token.value(of: "--region"), tokenRegion != region {
        return .fail("the docker login to \(registry) is fed by `aws ecr get-login-password --region \(tokenRegion)`")
      }
    }
    return nil
  }

  // MARK: 11.5

  /// Every sam deploy names the env's config env and sends every parameter without a
  /// Default and every samconfig override of the env; the last one sends ImageTag=<commit>.
  func samDeploy(_ run: RehearsalRun) -> RehearsalVerdict {
    let calls = run.calls.filter { $0.is("sam", "deploy") }
    guard !calls.isEmpty, calls.count == run.samDeploys.count, let main = run.samDeploys.last else {
      return run.succeeded || !calls.isEmpty
        ? .fail("the run made \(calls.count) sam deploy call(s) and \(run.samDeploys.count) record(s)")
        : .notReached("stopped before sam deploy: \(run.standardError.lastLine)")
    }
    for (call, record) in zip(calls, run.samDeploys) {
      guard call.value(of: "--config-env") == environment else {
        return .fail("`sam deploy` runs with --config-env \(call.value(of: "--config-env") ?? "absent"), not \(environment)")
      }
      for parameter in record.parameters where parameter.isRequired && parameter.source != "override" {
        return .fail("sam deploy does not send \(parameter.name), which has no Default: " + (parameter.source == "missing"
          ? "creating the stack fails (Parameters: [\(parameter.name)] must have values)"
          : "the stack keeps its previous value \(parameter.value.debugDescription)"))
      }
      for name in settings.overrideNames where record.parameter(name)?.source != "override" {
        return .fail("samconfig's override \(name) of env \(environment) does not reach sam deploy (the command line's list replaces it)")
      }
    }
    guard let imageTag = main.parameter("ImageTag"), imageTag.source == "override", imageTag.value == run.imageTag else {
      let tag = main.parameter("ImageTag")
      return .fail("the last sam deploy sends ImageTag=\(tag?.value ?? "nothing") (\(tag?.source ?? "absent")), not the commit \(run.imageTag)")
    }
    let sent = main.parameters.filter { $0.source == "override" }.map { "\($0.name)=\($0.value)" }
    return .pass("sam deploy --config-env \(environment) sends \(sent.joined(separator: " "))")
  }

  // MARK: 11.6

  /// After the last sam deploy the script checks the service until it is stable before it
  /// reports success; a service that needs nearly the whole limit still succeeds; one that
  /// never stabilises fails soon after the limit, with a message, and nothing runs after.
  func serviceWait() -> RehearsalVerdict {
    guard let deployIndex = update.mainSamDeployIndex else {
      return .notReached("the update stopped before sam deploy: \(update.standardError.lastLine)")
    }
    guard update.succeeded else { return .notReached("the update stopped after sam deploy: \(update.standardError.lastLine)") }
    var verdicts: [RehearsalVerdict] = []
    let checks = update.calls[(deployIndex + 1)...].filter(\.isStabilityCheck)
    if checks.isEmpty {
      verdicts.append(.fail("after sam deploy the script reports success without checking that the ECS service is stable"))
    } else if !checks.contains(where: { $0.is("aws", "ecs", "wait") }), let lastCheck = checks.last,
      let service = update.world.services.values.first(where: { $0.image.hasSuffix(":" + update.imageTag) }),
      lastCheck.clock < service.deployedAt + (update.options.serviceStableAfter ?? 30)
    {
      verdicts.append(.fail("reports success at t=\(lastCheck.clock)s while the service rolls out until t=\(service.deployedAt + 30)s"))
    }
    if slowService.mainSamDeployIndex == nil {
      verdicts.append(.notReached("the slow-service run stopped before sam deploy: \(slowService.standardError.lastLine)"))
    } else if !slowService.succeeded {
      verdicts.append(.fail("a service that is stable \(slowStableAfter) s after the deploy makes the script fail (\(slowService.standardError.lastLine)): it gives up before \(stableLimit) s"))
    }
    if let neverDeploy = neverStable.mainSamDeployIndex {
      let deployClock = neverStable.calls[neverDeploy].clock
      let lastCheck = neverStable.lastIndex(where: \.isStabilityCheck)
      if neverStable.succeeded {
        verdicts.append(.fail("a service that never stabilises is reported deployed"))
      } else if let lastCheck {
        let waited = neverStable.calls[lastCheck].clock - deployClock
        if waited > stableLimit + 30 {
          verdicts.append(.fail("the script waits \(waited) s for a service that never stabilises; the limit is \(stableLimit) s"))
        } else if lastCheck != neverStable.calls.count - 1 {
          verdicts.append(.fail("after giving up, the script still runs `\(neverStable.calls[lastCheck + 1])`"))
        } else {
          verdicts.append(.pass("gives up \(waited) s after sam deploy: \(neverStable.standardError.lastLine)"))
        }
      } else {
        verdicts.append(.fail("a service that never stabilises makes the script fail without ever checking it: \(neverStable.standardError.lastLine)"))
      }
    }
    verdicts.append(.pass("stable after \(checks.count) check(s); a service stable after \(slowStableAfter) s succeeds"))
    return .combining(verdicts)
  }

  // MARK: 11.7

  /// The run prints, after sam deploy's own output, the load balancer DNS name that is an
  /// output of the stack samconfig names for the env (a name other stacks' outputs do not
  /// share), having read the outputs in the env's region.
  func printedURL(_ run: RehearsalRun) -> RehearsalVerdict {
    if let query = run.calls.first(where: { $0.is("aws", "cloudformation", "describe-stacks") && $0.value(of: "--region").map { $0 != settings.region } == true }) {
      return .fail("the script reads stack outputs in \(query.value(of: "--region") ?? "?"), but samconfig deploys env \(environment) to \(settings.region)")
    }
    guard run.succeeded else { return .notReached("stopped before printing: \(run.standardError.lastLine)") }
    guard let stack = run.world.stack(settings.region, settings.stackName) else {
      let deployed = run.world.stacks.keys.sorted()
      return .fail("samconfig's stack \(settings.stackName) in \(settings.region) does not exist after the deploy (stacks: \(deployed)); the URL printed comes from another stack")
    }
    guard let dnsName = stack.outputs["LoadBalancerDnsName"] else {
      return .fail("stack \(settings.stackName) has no LoadBalancerDnsName output")
    }
    // `sam deploy` itself prints the stack's outputs ("CloudFormation outputs from
    // deployed stack"): only what the script prints after the last deploy's final line is
    // the script's own.
    let markers = ["Successfully created/updated stack - ", "No changes to deploy. Stack "]
    let afterDeploy = markers.compactMap { run.standardOutput.range(of: $0, options: .backwards) }.max { $0.lowerBound < $1.lowerBound }
      .map { String(run.standardOutput[$0.upperBound...].drop { $0 != "\n" }) } ?? run.standardOutput
    guard afterDeploy.contains(dnsName) else {
      return .fail("after sam deploy the script does not print \(dnsName), the load balancer of stack \(settings.stackName)")
    }
    return .pass("prints \(dnsName) from stack \(settings.stackName)")
  }
}

extension String {
  /// The last non-empty line (for messages).
  var lastLine: String { split(separator: "\n").last.map(String.init) ?? "(no output)" }

  /// The tag of an image reference (after the last `:` of the last path component).
  var tag: String? {
    let last = split(separator: "/").last ?? ""
    return last.contains(":") ? String(last[last.index(after: last.lastIndex(of: ":")!)...]) : nil
  }

  /// The repository of an image reference (everything before the tag).
  var repository: String {
    guard tag != nil, let colon = lastIndex(of: ":") else { return self }
    return String(self[..<colon])
  }
}
