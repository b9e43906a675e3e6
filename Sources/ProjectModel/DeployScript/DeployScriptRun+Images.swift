import Diagnostics
import ShellScriptModel

extension DeployScriptRun {
  /// The image builds the run makes: `docker build`, `docker buildx build`, `docker image
  /// build`, `docker builder build` (all the same build, https://docs.docker.com/reference/cli/docker/buildx/build/).
  public var imageBuilds: [CommandInvocation] {
    evaluation.commands.filter(Self.isBuild)
  }

  static func isBuild(_ command: CommandInvocation) -> Bool {
    command.isCommand("docker")
      && (command.isSubcommand("build") || command.isSubcommand("buildx", "build") || command.isSubcommand("image", "build")
        || command.isSubcommand("builder", "build"))
  }

  /// The local image references the run creates, in order: every `-t`/`--tag` of a build,
  /// and the target of each `docker tag SOURCE TARGET` / `docker image tag`.
  public var localImageReferences: [(command: CommandInvocation, reference: Argument)] {
    var references: [(CommandInvocation, Argument)] = []
    for command in evaluation.commands where command.isCommand("docker") {
      if Self.isBuild(command) {
        references += command.values(ofFlag: "-t", "--tag").map { (command, $0) }
      } else if let (_, target) = Self.tagOperands(command) {
        references.append((command, target))
      }
    }
    return references
  }

  /// SOURCE and TARGET of a `docker tag SOURCE TARGET` (or `docker image tag`); nil for
  /// any other command, or one without both.
  static func tagOperands(_ command: CommandInvocation) -> (source: Argument, target: Argument)? {
    guard command.isSubcommand("tag") || command.isSubcommand("image", "tag") else { return nil }
    let operands = Array(command.positionalArguments.dropFirst(command.isSubcommand("image", "tag") ? 2 : 1))
    return operands.count >= 2 ? (operands[0], operands[1]) : nil
  }

  /// The commands that make a reference name an image the run did not build:
  /// - `docker tag SOURCE TARGET` (or `docker image tag`) whose SOURCE is not a reference
  ///   an earlier build or tag of the run created: TARGET then names some other image
  ///   (`docker tag alpine:3.19 "$REPO:$SHA"`), or one the files cannot tell; also a tag
  ///   from a reference a pull has pointed at the registry's image;
  /// - `docker pull` (or `docker image pull`) of a reference an earlier build or tag
  ///   created, when the run then pushes that reference with no build or tag pointing it
  ///   back in between: the push sends the registry's image, not the one built
  ///   (`docker pull "$REPO:latest"` after `docker build -t "$REPO:latest"`). A pull
  ///   without a tag pulls `latest`; `--all-tags` (`-a`) pulls every tag of the
  ///   repository. A pull before the build (for its cache), or of a reference the run has
  ///   pushed since it was built (the registry holds the image built), changes nothing.
  ///
  /// `known` is false when SOURCE is not known statically. Reference: "docker image pull",
  /// https://docs.docker.com/reference/cli/docker/image/pull/
  public var foreignTags: [(command: CommandInvocation, target: Argument, known: Bool)] {
    /// What a reference the run made names at this point of the run.
    enum Origin {
      case built
      case pulled(command: CommandInvocation, operand: Argument)
      case foreign
    }
    var origin: [ResolvedWord: Origin] = [:]
    var pushedBuilt: Set<ResolvedWord> = []
    var foreign: [(command: CommandInvocation, target: Argument, known: Bool)] = []
    let pushes = Dictionary(grouping: imagePushes, by: \.command.order)
    for command in evaluation.commands where command.isCommand("docker") {
      if Self.isBuild(command) {
        for tag in command.values(ofFlag: "-t", "--tag") { origin[tag.value] = .built }
      } else if let (source, target) = Self.tagOperands(command) {
        switch origin[source.value] {
        case .built?: origin[target.value] = .built
        case .foreign?: origin[target.value] = .foreign
        case .pulled?, nil:
          foreign.append((command, target, origin[source.value] != nil || source.value.isLiteral))
          origin[target.value] = .foreign
        }
      } else if let operand = Self.pullOperand(command) {
        for reference in Self.pulledReferences(operand.value, allTags: Self.pullsAllTags(command), among: Array(origin.keys))
        where !pushedBuilt.contains(reference) {
          if case .built? = origin[reference] { origin[reference] = .pulled(command: command, operand: operand) }
        }
      }
      for push in pushes[command.order] ?? [] {
        switch origin[push.reference] {
        case .built?: pushedBuilt.insert(push.reference)
        case .pulled(let pull, let operand)?:
          if !foreign.contains(where: { $0.command.order == pull.order && $0.target.value == push.reference }) {
            foreign.append((pull, Argument(word: operand.word, value: push.reference), true))
          }
        case .foreign?, nil: break
        }
      }
    }
    return foreign.enumerated().sorted { ($0.element.command.order, $0.offset) < ($1.element.command.order, $1.offset) }.map(\.element)
  }

  /// Whether a `docker pull` has `--all-tags`, also as `-a` among combined short flags
  /// (`-aq`).
  static func pullsAllTags(_ command: CommandInvocation) -> Bool {
    command.hasFlag("-a", "--all-tags")
      || command.argumentList.contains { argument in
        guard let text = argument.literal, text.count > 2, text.hasPrefix("-"), !text.hasPrefix("--") else { return false }
        return text.dropFirst().allSatisfy(\.isLetter) && text.contains("a")
      }
  }

  /// The image reference of `docker pull [OPTIONS] NAME[:TAG|@DIGEST]` (or `docker image
  /// pull`); nil for other commands.
  public static func pullOperand(_ command: CommandInvocation) -> Argument? {
    guard command.isSubcommand("pull") || command.isSubcommand("image", "pull") else { return nil }
    return command.positionalArguments(optionsWithValues: ["--platform"]).dropFirst(command.isSubcommand("image", "pull") ? 2 : 1).first
  }

  /// The references among `created` that pulling `operand` points elsewhere: `operand`
  /// itself when it has a tag, `operand:latest` when it has none, every tag of the
  /// repository `operand` with `allTags`; none for a digest (`NAME@sha256:...`).
  static func pulledReferences(_ operand: ResolvedWord, allTags: Bool, among created: [ResolvedWord]) -> [ResolvedWord] {
    guard !operand.pieces.contains(where: { if case .literal(let text) = $0 { text.contains("@") } else { false } }) else { return [] }
    var pulled: [ResolvedWord]
    if allTags {
      pulled = created.filter { repository(of: $0) == operand }
    } else if repository(of: operand) != operand {
      pulled = created.filter { $0 == operand }
    } else {
      let latest = ResolvedWord(pieces: operand.pieces + [.literal(":latest")])
      pulled = created.filter { $0 == latest }
    }
    var unique: [ResolvedWord] = []
    for reference in pulled where !unique.contains(reference) { unique.append(reference) }
    return unique
  }

  /// Every image reference the run pushes, in order (see `ImagePush`).
  public var imagePushes: [ImagePush] {
    var pushes: [ImagePush] = []
    let local = localImageReferences
    for command in evaluation.commands where command.isCommand("docker") {
      if command.isSubcommand("push") || command.isSubcommand("image", "push") {
        let operands = command.positionalArguments(optionsWithValues: ["--platform"]).dropFirst(command.isSubcommand("image", "push") ? 2 : 1)
        guard let operand = operands.first else { continue }
        guard command.hasFlag("-a", "--all-tags") else {
          for reference in perIteration(operand.value, of: command) {
            pushes.append(ImagePush(command: command, reference: reference, location: operand.location, form: .push))
          }
          continue
        }
        let tagged = local.filter { $0.command.order < command.order && Self.repository(of: $0.reference.value) == operand.value }
        if tagged.isEmpty {
          pushes.append(ImagePush(command: command, reference: operand.value, location: operand.location, form: .allTags))
        }
        var seen: [ResolvedWord] = []
        for (_, reference) in tagged where !seen.contains(reference.value) {
          seen.append(reference.value)
          pushes.append(ImagePush(command: command, reference: reference.value, location: operand.location, form: .allTags))
        }
      } else if Self.isBuild(command), Self.buildPushes(command) {
        pushes += command.values(ofFlag: "-t", "--tag").map { ImagePush(command: command, reference: $0.value, location: $0.location, form: .build) }
      }
    }
    return pushes
  }

  /// The values `value` takes, one per iteration, when `command` runs in the body of a
  /// `for NAME in WORD...` loop and `value` holds NAME: the loop binds NAME to each word in
  /// turn (Bash Reference Manual, 3.2.5.1 "Looping Constructs"), so `for tag in "$SHA"
  /// latest; do docker push "$URI:$tag"; done` pushes `$URI:$SHA` and `$URI:latest`. The
  /// walk gives NAME all the words as one `.alternatives` value; here it is split again.
  /// Any other value is returned as it is.
  func perIteration(_ value: ResolvedWord, of command: CommandInvocation) -> [ResolvedWord] {
    var loopVariables: [String] = []
    for frame in command.context.frames {
      guard case .loopBody(nil, let location) = frame,
        let record = evaluation.statements.first(where: { $0.location == location }),
        case .forClause(let clause) = record.statement.kind, case .words(let variable, _) = clause.header
      else { continue }
      loopVariables.append(variable)
    }
    guard !loopVariables.isEmpty else { return [value] }
    for (index, piece) in value.pieces.enumerated() {
      guard case .symbol(let symbol) = piece, case .alternatives(let options) = symbol.kind,
        let variable = symbol.variable, loopVariables.contains(variable)
      else { continue }
      let before = Array(value.pieces[..<index]), after = Array(value.pieces[(index + 1)...])
      return options.map { ResolvedWord(pieces: before + $0.pieces + after) }
    }
    return [value]
  }

  /// True when a build pushes its result: `--push`, or an `--output`/`-o` of type
  /// `registry`, or of type `image` with `push=true`
  /// (https://docs.docker.com/reference/cli/docker/buildx/build/#push,
  /// https://docs.docker.com/reference/cli/docker/buildx/build/#output).
  static func buildPushes(_ command: CommandInvocation) -> Bool {
    if command.hasFlag("--push") { return true }
    return command.values(ofFlag: "--output", "-o").contains { output in
      guard let text = output.literal else { return false }
      let fields = text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
      return fields.contains("type=registry") || (fields.contains("type=image") && fields.contains("push=true"))
    }
  }

  /// The repository of an image reference: everything before the tag's `:` (a `:` in the
  /// registry host's port is followed by `/`, so it is not a tag).
  public static func repository(of reference: ResolvedWord) -> ResolvedWord {
    guard let index = reference.pieces.lastIndex(where: { if case .literal(let text) = $0 { text.contains(":") } else { false } }),
      case .literal(let text) = reference.pieces[index], let colon = text.lastIndex(of: ":"),
      !text[text.index(after: colon)...].contains("/"), !reference.pieces[(index + 1)...].contains(where: { if case .literal(let later) = $0 { later.contains("/") } else { false } })
    else { return reference }
    return ResolvedWord(pieces: Array(reference.pieces[..<index]) + [.literal(String(text[..<colon]))])
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in characters: String) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}
