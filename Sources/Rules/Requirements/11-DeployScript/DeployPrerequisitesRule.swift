import Foundation
import ShellScriptModel

/// 11.1: before doing anything, the script checks that the tools exist, that the Docker
/// daemon runs, and that SAM CLI is recent enough.
struct DeployPrerequisitesRule: Rule {
  static let definition = RuleDefinition(
    id: "deploy-prerequisites",
    requirements: ["11.1"],
    title: "Deploy script checks its tools, the Docker daemon and the SAM CLI version first",
    rationale: "A deploy that fails half-way (image pushed, stack not updated) is worse than one that refuses to start; `command -v` finds a missing tool, `docker info` a stopped daemon, and `sam --version` compared with the floor an old SAM CLI.",
    scope: .perEnvironment, artifacts: [.deployScript],
    sources: ["https://www.gnu.org/software/bash/manual/html_node/Bash-Builtins.html#index-command", "https://docs.docker.com/reference/cli/docker/system/info/"],
    examples: [
      .compliant(),
      .change("sam shadowed by a function (its version check runs the function)", .edit(.deployScript, "set -euo pipefail\n", "set -euo pipefail\nsam() { echo \"SAM CLI, version 1.120.0\"; }\n"), expect: .needsEvidence),
      .change("git not checked", .edit(.deployScript, "for tool in aws docker sam git; do", "for tool in aws docker sam; do")),
      .change("daemon not checked", .edit(.deployScript, "  if ! docker info >/dev/null 2>&1; then", "  if ! true; then")),
      .change("the version check is inverted", .edit(.deployScript, "  if ! version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then", "  if version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then")),
      .change("the version check with || die", .edit(.deployScript, "  if ! version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then\n    die \"SAM CLI ${sam_version} found, ${MIN_SAM_VERSION} or newer is required (${sam_version_line})\"\n  fi\n", "  version_ge \"$sam_version\" \"$MIN_SAM_VERSION\" || die \"SAM CLI ${sam_version} found, ${MIN_SAM_VERSION} or newer is required\"\n"), expect: .pass),
      .change("the version check with && die", .edit(.deployScript, "  if ! version_ge \"$sam_version\" \"$MIN_SAM_VERSION\"; then\n    die \"SAM CLI ${sam_version} found, ${MIN_SAM_VERSION} or newer is required (${sam_version_line})\"\n  fi\n", "  version_ge \"$sam_version\" \"$MIN_SAM_VERSION\" && die \"SAM CLI ${sam_version} found, ${MIN_SAM_VERSION} or newer is required\"\n")),
      .change("SAM floor too low", .edit(.deployScript, "readonly MIN_SAM_VERSION=\"1.100.0\"", "readonly MIN_SAM_VERSION=\"1.90.0\"")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    CommandShadowingLimit.limit(unlimitedVerdict(context), relyingOnCommandsNamed: ["sam", "docker", "aws", "git", "command", "which", "type", "hash", "exit"], in: context)
  }

  /// The verdict as the script reads, before `CommandShadowingLimit`.
  private func unlimitedVerdict(_ context: RuleContext) -> Verdict {
    guard let run = context.deployRun else { return .absent("no deploy script") }
    guard let tools = context.value("tools")?.list, let floorValue = context.value("sam-min-version"), let floor = floorValue.version else {
      return .missingValue("tools/sam-min-version", of: "11.1")
    }
    let commands = run.evaluation.commands
    var findings: [Finding] = []
    var checkedAt: [String: Int] = [:]
    for command in commands {
      for name in command.checkedCommandNames where checkedAt[name] == nil { checkedAt[name] = command.order }
      if command.isCommand("command") || command.isCommand("which") || command.isCommand("type") || command.isCommand("hash") {
        for argument in command.resolvedArguments {
          for value in argument.possibleValues() ?? [] where checkedAt[value] == nil { checkedAt[value] = command.order }
        }
      }
    }
    let stop = context.scriptStop(before: "it checks its tools")
    for tool in tools {
      let firstUse = commands.first { $0.isCommand(tool) }
      guard let checked = checkedAt[tool] else {
        if let stop {
          if !findings.contains(stop) { findings.append(stop) }
          continue
        }
        findings.append(.error("the script never checks that `\(tool)` is installed (command -v \(tool)); \(context.value("tools")!.cited) requires checking \(tools.joined(separator: ", "))", at: firstUse?.location ?? context.scriptStart))
        continue
      }
      if let firstUse, firstUse.order < checked {
        findings.append(.error("`\(tool)` is run before the script checks it is installed", at: firstUse.location))
      }
    }
    let build = commands.first { $0.isCommand("docker") && ($0.isSubcommand("build") || $0.isSubcommand("buildx", "build")) }
    let daemonCheck = commands.first { $0.isCommand("docker") && ($0.isSubcommand("info") || $0.isSubcommand("version") || $0.isSubcommand("ps")) }
    if daemonCheck == nil, let stop {
      if !findings.contains(stop) { findings.append(stop) }
    } else if daemonCheck == nil {
      findings.append(.error("the script never checks that the Docker daemon runs (docker info); a stopped daemon fails the build later", at: build?.location ?? context.scriptStart))
    } else if let build, let daemonCheck, daemonCheck.order > build.order {
      findings.append(.error("docker info runs only after docker build", at: daemonCheck.location))
    }
    guard let version = commands.first(where: { $0.isCommand("sam") && $0.hasFlag("--version") }) else {
      if let stop {
        if !findings.contains(stop) { findings.append(stop) }
        return Verdict(findings: findings, passNote: "")
      }
      findings.append(.error("the script never reads `sam --version`; SAM CLI \(floorValue.written) or newer is required", at: commands.first { $0.isCommand("sam") }?.location ?? context.scriptStart))
      return Verdict(findings: findings, passNote: "")
    }
    let floors = commands.filter { $0.order > version.order }.flatMap(\.resolvedArguments).compactMap(\.literal).compactMap(Self.version)
    if floors.isEmpty {
      findings.append(.error("the script reads `sam --version` but compares it with no version number; \(floorValue.cited) requires \(floorValue.written) or newer", at: version.location))
    } else if !floors.contains(where: { Self.compare($0, floor) >= 0 }) {
      findings.append(.error("the script's SAM CLI floor is \(floors.map { $0.map(String.init).joined(separator: ".") }.joined(separator: ", ")); \(floorValue.cited) requires \(floorValue.written) or newer", at: version.location))
    }
    if let inverted = invertedVersionCheck(after: version, in: commands, floor: floorValue.written) { findings.append(inverted) }
    return Verdict(findings: findings, passNote: "checks \(tools.joined(separator: ", ")), docker info and sam >= \(floorValue.written) before use")
  }

  /// The version check stops the script on the wrong side of the floor: a comparison
  /// function named for "at least" (`version_ge`, `version_gte`, `at_least`) or "below"
  /// (`version_lt`, `older`) called with the SAM version and the floor, whose result
  /// reaches an `exit` (through `if`/`if !`, `&&`, `||`) when the version is new enough.
  /// nil when the check is right or its shape is not one of these (other shapes are left
  /// to the rehearsal, which runs the script with an old and a new `sam` stand-in).
  func invertedVersionCheck(after version: CommandInvocation, in commands: [CommandInvocation], floor: String) -> Finding? {
    guard let check = commands.first(where: { $0.order > version.order && $0.calledFunction != nil && $0.resolvedArguments.contains { $0.literal.flatMap(Self.version) != nil } }),
      let name = check.calledFunction?.lowercased()
    else { return nil }
    let arguments = check.resolvedArguments
    guard let floorIndex = arguments.firstIndex(where: { $0.literal.flatMap(Self.version) != nil }),
      let versionIndex = arguments.firstIndex(where: { !$0.isLiteral })
    else { return nil }
    var trueWhenNew: Bool
    if ["_ge", "_gte", "at_least", "atleast", "newer", "_ok", "ge", "gte"].contains(where: { name.hasSuffix($0) }) {
      trueWhenNew = true
    } else if ["_lt", "older", "below", "too_old", "lt", "less"].contains(where: { name.hasSuffix($0) }) {
      trueWhenNew = false
    } else {
      return nil
    }
    if floorIndex < versionIndex { trueWhenNew.toggle() }
    // When does the check's result stop the script?
    let frames = check.context.frames
    var stopsWhenTrue: Bool?
    if let conditionIndex = frames.lastIndex(where: { if case .ifCondition = $0 { true } else { false } }),
      case .ifCondition(let location) = frames[conditionIndex]
    {
      let negated = frames[(conditionIndex + 1)...].filter { $0 == .negation }.count % 2 == 1
      let thenExits = commands.contains { command in
        command.order > check.order && command.isCommand("exit") && command.context.frames.contains(.thenBranch(location))
      }
      guard thenExits else { return nil }
      stopsWhenTrue = !negated
    } else if case .andOrList(let position, let count, _)? = frames.last, position == 0, count > 1 {
      let next = commands.first { $0.order > check.order && $0.context.frames.count == frames.count && $0.context.frames.dropLast() == frames.dropLast() && $0.context.frames.last.map { if case .andOrList(1, count, _) = $0 { true } else { false } } == true }
      guard let next, case .andOrList(_, _, let op?)? = next.context.frames.last, next.isCommand("exit") || next.calledFunction != nil else { return nil }
      stopsWhenTrue = op == .and
    }
    guard let stopsWhenTrue, stopsWhenTrue == trueWhenNew else { return nil }
    return .error(
      "the SAM CLI version check is inverted: \(check.calledFunction!) is \(trueWhenNew ? "true" : "false") for SAM CLI \(floor) and newer, and the script stops when it is \(stopsWhenTrue ? "true" : "false"), so it rejects every supported SAM CLI and lets older ones through",
      at: check.location, related: [.init("sam --version", at: version.location)])
  }

  /// `"1.100.0"` → [1, 100, 0]; nil unless the text is a dotted number with at least one dot.
  static func version(_ text: String) -> [Int]? {
    // Most words are not versions; without a dot the split below cannot give two parts.
    guard text.utf8.contains(UInt8(ascii: ".")) else { return nil }
    // ASCII text: its Characters are its bytes (CR LF aside, which is no digit), so the
    // byte split gives the same parts without grapheme breaking.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
      guard parts.count >= 2, parts.count <= 4 else { return nil }
      let numbers = parts.compactMap { String($0).flatMap { Int($0) } }
      return numbers.count == parts.count ? numbers : nil
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2, parts.count <= 4 else { return nil }
    let numbers = parts.compactMap { Int($0) }
    return numbers.count == parts.count ? numbers : nil
  }

  static func compare(_ a: [Int], _ b: [Int]) -> Int {
    for index in 0..<max(a.count, b.count) {
      let x = index < a.count ? a[index] : 0
      let y = index < b.count ? b[index] : 0
      if x != y { return x < y ? -1 : 1 }
    }
    return 0
  }
}
