import Diagnostics

/// A parsed Dockerfile: low-level syntax (layer 1), typed instructions (layer 2), stages,
/// and the facts of the image it builds.
///
/// `Dockerfile.parse` runs both layers and throws the first `InputError` either finds (see
/// `DockerfileSyntax` for what layer 1 rejects and `Instruction` for layer 2). Some of
/// BuildKit's own parser fixtures are rejected by layer 2 (unknown flags such as
/// `COPY --user=me`, a bare `HEALTHCHECK`, `CMD` before any FROM), so the BuildKit dump is
/// produced from layer 1 alone: use `DockerfileSyntax.parse(_:).buildKitDump()` to dump a
/// file layer 2 would reject.
public struct Dockerfile: Sendable {
  public let syntax: DockerfileSyntax
  /// Every instruction in source order, global ARGs and ONBUILD included.
  public let instructions: [LocatedInstruction]
  /// The ARG instructions before the first FROM (visible to FROM lines only).
  public let globalArgs: [LocatedInstruction]
  /// The stages in source order; never empty.
  public let stages: [Stage]

  public var file: String { syntax.file }
  public var directives: ParserDirectives { syntax.directives }
  public var escapeToken: Unicode.Scalar { syntax.directives.escapeToken }

  /// The stage the deployed build produces: the one `building(stage:buildArguments:)`
  /// chose (`docker build --target`), else the last one, as a build without `--target`
  /// (https://docs.docker.com/reference/cli/docker/buildx/build/#target).
  public var finalStage: Stage { stages[targetIndex ?? stages.count - 1] }

  /// The stage chosen with `--target`, if any (see `building(stage:buildArguments:)`).
  public private(set) var targetIndex: Int?
  /// The `--build-arg` values the deployed build passes (`.unknown` unless chosen).
  public private(set) var deployedBuildArguments: BuildArguments = .unknown

  /// The same Dockerfile built to stage `index` with `buildArguments`: `finalStage` and
  /// `finalImage` then describe that stage's image.
  public func building(stage index: Int, buildArguments: BuildArguments = .unknown) -> Dockerfile {
    var copy = self
    copy.targetIndex = index == stages.count - 1 ? nil : index
    copy.deployedBuildArguments = buildArguments
    copy.computedFinalImage = image(of: index, buildArguments: buildArguments)
    return copy
  }

  /// The stage with this name (case-insensitive).
  public func stage(named name: String) -> Stage? {
    stages.first { $0.name == name.lowercased() }
  }

  /// What `COPY --from=<reference>` in stage `stageIndex` reads from: an earlier stage
  /// by name or index, or else an image (https://docs.docker.com/reference/dockerfile/#copy---from).
  public func copySource(_ reference: String, inStage stageIndex: Int) -> StageBase {
    if let index = Int(reference), index >= 0, index < stageIndex { return .stage(index) }
    let earlier = stages.prefix(max(0, min(stageIndex, stages.count)))
    if let stage = earlier.last(where: { $0.name == reference.lowercased() }) { return .stage(stage.index) }
    return reference.lowercased() == "scratch" ? .scratch : .image(reference)
  }

  /// The effective facts of the deployed image (`finalStage`), with the build arguments
  /// of `building(stage:buildArguments:)` (unknown by default).
  public var finalImage: ImageFacts { computedFinalImage ?? image(of: finalStage.index, buildArguments: deployedBuildArguments) }

  /// `finalImage`, computed once at the end of `init` (a dozen rules read it per report;
  /// every other stored property is a constant, so it cannot go stale).
  private var computedFinalImage: ImageFacts?

  /// The effective facts of the image stage `index` produces (its FROM chain included).
  public func image(of index: Int, buildArguments: BuildArguments = .unknown) -> ImageFacts {
    ImageFactsBuilder(dockerfile: self, buildArguments: buildArguments).facts(for: index)
  }

  /// BuildKit's `result` dump of the low-level parse (see `DockerfileSyntax.buildKitDump()`).
  public func buildKitDump() -> String { syntax.buildKitDump() }

  /// Parses and validates `source`.
  public static func parse(_ source: SourceText) throws(InputError) -> Dockerfile {
    try Dockerfile(syntax: DockerfileSyntax.parse(source))
  }

  /// The most instructions a Dockerfile may have. Real Dockerfiles have tens to a few
  /// hundred: every RUN, COPY and ADD adds an image layer, and the overlay2 storage
  /// driver stacks at most 128 ("OverlayFS storage driver",
  /// https://docs.docker.com/engine/storage/drivers/overlayfs-driver/). The model holds
  /// about 1.3 KB per instruction, so the bound keeps a 16 MiB file of one-line
  /// instructions (450,000 of them took 526 MB) to about 65 MB.
  public static let maximumInstructions = 50_000

  /// The most stages a Dockerfile may have. Real Dockerfiles have a handful; the bound
  /// keeps the per-stage work of `BuildContext.check` small on hostile input.
  public static let maximumStages = 1_000

  /// Validates an already parsed syntax tree (layer 2).
  public init(syntax: DockerfileSyntax) throws(InputError) {
    var instructions: [LocatedInstruction] = []
    var globalArgs: [LocatedInstruction] = []
    var stages: [Stage] = []
    var stageNames: [String: Int] = [:]
    var globalScope = BuildArguments.unknown.initialGlobalScope
    globalScope.budget = ExpansionBudget()
    let escape = syntax.directives.escapeToken
    for node in syntax.nodes {
      let located = LocatedInstruction(try InstructionParser.instruction(from: node), syntax: node)
      try Self.checkSubstitutions(located, escapeToken: escape)
      instructions.append(located)
      switch located.instruction {
      case .from(let from):
        if let name = from.stageName, let earlier = stageNames[name] {
          throw InputError("duplicate stage name `\(name)`: already used by the FROM at line \(stages[earlier].location.line)", at: node.argumentsLocation)
        }
        guard stages.count < Self.maximumStages else {
          throw InputError("more than \(Self.maximumStages) build stages; this is not a Dockerfile a build would use", at: node.location)
        }
        let base = Stage.base(for: globalScope.expand(from.image, escapeToken: escape), earlierStages: stageNames)
        if let name = from.stageName { stageNames[name] = stages.count }
        stages.append(Stage(index: stages.count, name: from.stageName, from: from, fromInstruction: located, base: base, instructions: []))
      case .arg(let declarations) where stages.isEmpty:
        globalArgs.append(located)
        for declaration in declarations {
          globalScope[declaration.name] = BuildArguments.unknown.value(for: declaration, in: globalScope, escapeToken: escape)
        }
      default:
        guard !stages.isEmpty else {
          throw InputError("no build stage in current context: \(located.instruction.keyword) comes before the first FROM", at: node.location)
        }
        stages[stages.count - 1].instructions.append(located)
      }
    }
    guard !stages.isEmpty else {
      throw InputError("the Dockerfile has no FROM instruction, so it builds no stage", at: syntax.nodes.first?.location ?? .start(of: syntax.file))
    }
    self.syntax = syntax
    self.instructions = instructions
    self.globalArgs = globalArgs
    self.stages = stages
    computedFinalImage = image(of: stages.count - 1, buildArguments: .unknown)
  }

  /// Rejects malformed `$` substitutions in the words BuildKit expands.
  private static func checkSubstitutions(_ located: LocatedInstruction, escapeToken: Unicode.Scalar) throws(InputError) {
    let words: [String]
    switch located.instruction {
    case .from(let from): words = [from.image] + (from.platform.map { [$0] } ?? [])
    case .arg(let declarations): words = declarations.compactMap(\.defaultValue)
    case .env(let pairs), .label(let pairs): words = pairs.flatMap { [$0.key, $0.value] }
    case .copy(let copy): words = copy.sources + [copy.destination] + [copy.from, copy.chown, copy.chmod].compactMap { $0 }
    case .add(let add): words = add.sources + [add.destination] + [add.chown, add.chmod].compactMap { $0 }
    case .user(let text), .workdir(let text), .stopSignal(let text): words = [text]
    case .expose(let entries), .volume(let entries): words = entries
    default: words = []
    }
    for word in words {
      if let failure = VariableScope.syntaxError(in: word, escapeToken: escapeToken) {
        throw InputError("\(failure.message) in `\(word)`", at: located.syntax.argumentsLocation)
      }
    }
  }
}
