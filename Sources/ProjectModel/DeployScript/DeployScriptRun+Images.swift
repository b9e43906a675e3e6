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
  /// `known` is false when SOURCE is not known statically. `pushes`: the run's
  /// `imagePushes` (the caller has them already). Reference: "docker image pull",
  /// https://docs.docker.com/reference/cli/docker/image/pull/
  public func foreignTags(pushes: [ImagePush]) -> [(command: CommandInvocation, target: Argument, known: Bool)] {
    /// What a reference the run made names at this point of the run.
    enum Origin {
      case built
      case pulled(command: CommandInvocation, operand: Argument)
      case foreign
    }
    /// A pull already listed as pointing `reference` at the registry's image.
    struct ListedPull: Hashable {
      var order: Int
      var reference: ResolvedWord
    }
    var origin: [ResolvedWord: Origin] = [:]
    // The references that became `.built`, by repository, for `docker pull --all-tags`;
    // entries may have changed since (`origin` says), and a pull takes its repository's.
    var builtByRepository: [ResolvedWord: [ResolvedWord]] = [:]
    func markBuilt(_ reference: ResolvedWord) {
      origin[reference] = .built
      builtByRepository[Self.repository(of: reference), default: []].append(reference)
    }
    var pushedBuilt: Set<ResolvedWord> = []
    var foreign: [(command: CommandInvocation, target: Argument, known: Bool)] = []
    var listedPulls: Set<ListedPull> = []
    let pushes = Dictionary(grouping: pushes, by: \.command.order)
    for command in evaluation.commands where command.isCommand("docker") {
      if Self.isBuild(command) {
        for tag in command.values(ofFlag: "-t", "--tag") { markBuilt(tag.value) }
      } else if let (source, target) = Self.tagOperands(command) {
        switch origin[source.value] {
        case .built?: markBuilt(target.value)
        case .foreign?: origin[target.value] = .foreign
        case .pulled?, nil:
          foreign.append((command, target, origin[source.value] != nil || source.value.isLiteral))
          origin[target.value] = .foreign
        }
      } else if let operand = Self.pullOperand(command) {
        let pulled: [ResolvedWord]
        if Self.pullsAllTags(command), !Self.isDigest(operand.value) {
          // Each built reference is taken once: what a pull does not point elsewhere it
          // never will (pushed since it was built), until it is built again.
          pulled = builtByRepository.removeValue(forKey: operand.value) ?? []
        } else {
          pulled = Self.pulledReferences(operand.value)
        }
        for reference in pulled where !pushedBuilt.contains(reference) {
          if case .built? = origin[reference] { origin[reference] = .pulled(command: command, operand: operand) }
        }
      }
      for push in pushes[command.order] ?? [] {
        switch origin[push.reference] {
        case .built?: pushedBuilt.insert(push.reference)
        case .pulled(let pull, let operand)?:
          if listedPulls.insert(ListedPull(order: pull.order, reference: push.reference)).inserted {
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
        return text.dropFirst().allSatisfy(\.isLetter) && text.containsText("a")
      }
  }

  /// The image reference of `docker pull [OPTIONS] NAME[:TAG|@DIGEST]` (or `docker image
  /// pull`); nil for other commands.
  public static func pullOperand(_ command: CommandInvocation) -> Argument? {
    guard command.isSubcommand("pull") || command.isSubcommand("image", "pull") else { return nil }
    return command.positionalArguments(optionsWithValues: ["--platform"]).dropFirst(command.isSubcommand("image", "pull") ? 2 : 1).first
  }

  /// The references that pulling `operand` (without `--all-tags`) points elsewhere:
  /// `operand` itself when it has a tag, `operand:latest` when it has none; none for a
  /// digest (`NAME@sha256:...`). (With `--all-tags`, every tag of the repository.)
  static func pulledReferences(_ operand: ResolvedWord) -> [ResolvedWord] {
    guard !isDigest(operand) else { return [] }
    if repository(of: operand) != operand { return [operand] }
    return [ResolvedWord(pieces: operand.pieces + [.literal(":latest")])]
  }

  /// Whether `reference` names an image by digest (`NAME@sha256:...`).
  static func isDigest(_ reference: ResolvedWord) -> Bool {
    reference.pieces.contains { if case .literal(let text) = $0 { text.containsText("@") } else { false } }
  }

  /// Every image reference the run pushes, in order (see `ImagePush`).
  public var imagePushes: [ImagePush] { pushList.pushes }

  /// The most references the run's `docker push --all-tags` lines list in all: each lists
  /// every reference tagged in its repository before it, so 20,000 tags pushed 20,000
  /// times would be 400 million (one push of 20,000 tags had taken 9 s; five, 55 s).
  public static let maximumAllTagsReferences = 100_000

  /// `imagePushes`, and whether it is whole: false when the `--all-tags` pushes would list
  /// more than `maximumAllTagsReferences` references, past which they are left out.
  public var pushList: (pushes: [ImagePush], isComplete: Bool) {
    var pushes: [ImagePush] = []
    // Each repository's references in the order the run first made them.
    var firstMade: [ResolvedWord: [(order: Int, reference: ResolvedWord)]] = [:]
    var made: Set<ResolvedWord> = []
    for (command, reference) in localImageReferences where made.insert(reference.value).inserted {
      firstMade[Self.repository(of: reference.value), default: []].append((command.order, reference.value))
    }
    var listed = 0
    var isComplete = true
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
        let tagged = (firstMade[operand.value] ?? []).prefix { $0.order < command.order }
        if tagged.isEmpty {
          pushes.append(ImagePush(command: command, reference: operand.value, location: operand.location, form: .allTags))
        }
        for (_, reference) in tagged {
          guard listed < Self.maximumAllTagsReferences else {
            isComplete = false
            break
          }
          listed += 1
          pushes.append(ImagePush(command: command, reference: reference, location: operand.location, form: .allTags))
        }
      } else if Self.isBuild(command), Self.buildPushes(command) {
        pushes += command.values(ofFlag: "-t", "--tag").map { ImagePush(command: command, reference: $0.value, location: $0.location, form: .build) }
      }
    }
    return (pushes, isComplete)
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
    guard let index = reference.pieces.lastIndex(where: { if case .literal(let text) = $0 { text.containsText(":") } else { false } }),
      case .literal(let text) = reference.pieces[index], let colon = text.lastIndex(of: ":"),
      !text[text.index(after: colon)...].containsText("/"), !reference.pieces[(index + 1)...].contains(where: { if case .literal(let later) = $0 { later.containsText("/") } else { false } })
    else { return reference }
    return ResolvedWord(pieces: Array(reference.pieces[..<index]) + [.literal(String(text[..<colon]))])
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in characters: String) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}
