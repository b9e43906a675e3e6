import Diagnostics

/// Builds the typed `Instruction` of one `SyntaxNode`, validating flags and arguments as
/// BuildKit's `instructions.ParseInstruction` does. Errors point at the keyword, the
/// offending flag, or the arguments.
enum InstructionParser {
  static func instruction(from node: SyntaxNode) throws(InputError) -> Instruction {
    let keyword = node.lowercasedKeyword.uppercased()
    // An unknown instruction is reported as such whatever flags it carries (BuildKit's
    // `ParseInstruction` reads flags per instruction, and an unknown one has none to read):
    // `FROBNICATE --hard yes` is no instruction, not one without a --hard flag. Like
    // BuildKit, the closest instruction name is suggested ("unknown instruction: RUNN (did
    // you mean RUN?)").
    guard Self.instructionNames.contains(keyword) else {
      throw InputError("unknown instruction: \(node.keyword)\(NameSuggestion.hint(for: keyword, among: Self.instructionNames))", at: node.location)
    }
    let flags = try InstructionFlags(node.flags, instruction: keyword)
    let words = node.words
    func fail(_ message: String, at location: SourceLocation? = nil) -> InputError {
      InputError(message, at: location ?? node.argumentsLocation)
    }
    func exactlyOne() throws(InputError) -> String {
      guard words.count == 1 else { throw fail("\(keyword) requires exactly one argument") }
      return words[0]
    }
    func command() -> CommandForm {
      node.isJSON ? .exec(words) : .shell(words.first ?? "")
    }

    switch keyword {
    case "FROM":
      return .from(try from(node, words: words, platform: flags.strings["platform"]))
    case "ARG":
      guard !words.isEmpty else { throw fail("ARG requires at least one argument") }
      var declarations: [ArgDeclaration] = []
      for word in words {
        let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts[0].isEmpty else { throw fail("ARG names can not be blank: `\(word)`") }
        declarations.append(ArgDeclaration(name: String(parts[0]), defaultValue: parts.count == 2 ? String(parts[1]) : nil))
      }
      return .arg(declarations)
    case "ENV", "LABEL":
      guard !words.isEmpty else { throw fail("\(keyword) requires at least one argument") }
      var pairs: [KeyValuePair] = []
      var index = 0
      while index + 2 < words.count {
        pairs.append(KeyValuePair(key: words[index], value: words[index + 1], usesEquals: words[index + 2] == "="))
        index += 3
      }
      guard pairs.allSatisfy({ !$0.key.isEmpty }) else { throw fail("\(keyword) names can not be blank") }
      return keyword == "ENV" ? .env(pairs) : .label(pairs)
    case "RUN":
      guard !words.isEmpty, node.isJSON || !(words.first ?? "").isEmpty else { throw fail("RUN requires at least one argument") }
      let network = flags.strings["network"]
      if let network, !["default", "none", "host"].contains(network) {
        throw fail("--network must be default, none or host, not `\(network)`", at: flags.locations["network"])
      }
      let security = flags.strings["security"]
      if let security, !["sandbox", "insecure"].contains(security) {
        throw fail("--security must be sandbox or insecure, not `\(security)`", at: flags.locations["security"])
      }
      return .run(RunInstruction(command: command(), heredocs: node.heredocs, mounts: flags.lists["mount"] ?? [], network: network, security: security))
    case "CMD":
      return .cmd(command())
    case "ENTRYPOINT":
      return .entrypoint(command())
    case "SHELL":
      guard node.isJSON else { throw fail("SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]") }
      guard !words.isEmpty else { throw fail("SHELL requires at least one argument") }
      return .shell(words)
    case "COPY":
      let (sources, heredocs, destination) = try sourcesAndDestination(node, words: words, keyword: keyword)
      return .copy(CopyInstruction(
        sources: sources, heredocSources: heredocs, destination: destination, from: flags.strings["from"],
        chown: flags.strings["chown"], chmod: flags.strings["chmod"], link: flags.bools["link"] ?? false,
        parents: flags.bools["parents"] ?? false, excludes: flags.lists["exclude"] ?? []))
    case "ADD":
      let (sources, heredocs, destination) = try sourcesAndDestination(node, words: words, keyword: keyword)
      return .add(AddInstruction(
        sources: sources, heredocSources: heredocs, destination: destination, chown: flags.strings["chown"],
        chmod: flags.strings["chmod"], link: flags.bools["link"] ?? false, keepGitDir: flags.bools["keep-git-dir"] ?? false,
        checksum: flags.strings["checksum"], excludes: flags.lists["exclude"] ?? [], unpack: flags.bools["unpack"]))
    case "USER":
      return .user(try exactlyOne())
    case "WORKDIR":
      return .workdir(try exactlyOne())
    case "STOPSIGNAL":
      return .stopSignal(try exactlyOne())
    case "MAINTAINER":
      return .maintainer(try exactlyOne())
    case "EXPOSE":
      guard !words.isEmpty else { throw fail("EXPOSE requires at least one argument") }
      for (index, word) in words.enumerated() where !word.contains("$") && PortSpec.parse(word) == nil {
        // At the entry itself (it had been at the first, even on a continuation line).
        let at = node.wordLocations.count == words.count ? node.wordLocations[index] : nil
        throw fail("invalid EXPOSE entry `\(word)`: expected <port>[-<port>][/tcp|/udp|/sctp] with ports 0-65535", at: at)
      }
      return .expose(words)
    case "VOLUME":
      guard !words.isEmpty else { throw fail("VOLUME requires at least one argument") }
      guard !words.contains("") else { throw fail("VOLUME specified can not be an empty string") }
      return .volume(words)
    case "HEALTHCHECK":
      return .healthcheck(try healthcheck(node, words: words, flags: flags))
    case "ONBUILD":
      guard case .trigger(let trigger) = node.arguments else { throw fail("ONBUILD requires at least one argument") }
      switch trigger.lowercasedKeyword {
      case "onbuild": throw fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", at: trigger.location)
      case "from", "maintainer":
        throw fail("\(trigger.lowercasedKeyword.uppercased()) isn't allowed as an ONBUILD trigger", at: trigger.location)
      default: return .onbuild(try instruction(from: trigger))
      }
    default:
      // Unreachable: `instructionNames` lists every case above.
      throw InputError("unknown instruction: \(node.keyword)", at: node.location)
    }
  }

  /// Every instruction of the Dockerfile reference (https://docs.docker.com/reference/dockerfile/#overview).
  static let instructionNames = [
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
    "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
  ]

  private static func from(_ node: SyntaxNode, words: [String], platform: String?) throws(InputError) -> FromInstruction {
    switch words.count {
    case 1:
      return FromInstruction(image: words[0], platform: platform)
    case 3 where words[1].lowercased() == "as":
      let name = words[2].lowercased()
      let scalars = Array(name.unicodeScalars)
      let valid = scalars.first.map(Scalars.isASCIILetter) == true
        && scalars.allSatisfy { Scalars.isASCIILetter($0) || Scalars.isASCIIDigit($0) || "-_.".unicodeScalars.contains($0) }
      guard valid else {
        throw InputError(
          "invalid name for build stage: \"\(words[2])\", name can't start with a number or contain symbols",
          at: node.argumentsLocation)
      }
      return FromInstruction(image: words[0], stageName: name, platform: platform)
    default:
      throw InputError("FROM requires either one or three arguments (FROM <image> [AS <name>])", at: node.argumentsLocation)
    }
  }

  private static func sourcesAndDestination(_ node: SyntaxNode, words: [String], keyword: String) throws(InputError) -> ([String], [Heredoc], String) {
    guard words.count >= 2 else {
      throw InputError("\(keyword) requires at least two arguments: one or more sources and a destination", at: node.argumentsLocation)
    }
    let destination = words[words.count - 1]
    if (try? Heredoc.marker(destination)) != nil {
      throw InputError("\(keyword) cannot accept a heredoc as a destination", at: node.argumentsLocation)
    }
    var sources: [String] = []
    var heredocs: [Heredoc] = []
    for source in words.dropLast() {
      if !node.isJSON, let marker = try? Heredoc.marker(source) {
        heredocs.append(node.heredocs.first { $0.name == marker.name } ?? marker)
      } else {
        sources.append(source)
      }
    }
    return (sources, heredocs, destination)
  }

  private static func healthcheck(_ node: SyntaxNode, words: [String], flags: InstructionFlags) throws(InputError) -> HealthCheckInstruction {
    guard let first = words.first else {
      throw InputError("HEALTHCHECK requires at least one argument (NONE or CMD <command>)", at: node.argumentsLocation)
    }
    let kind = first.uppercased()
    let rest = Array(words.dropFirst())
    switch kind {
    case "NONE":
      guard rest.isEmpty else { throw InputError("HEALTHCHECK NONE takes no arguments", at: node.argumentsLocation) }
      return .none
    case "CMD":
      guard !rest.isEmpty, node.isJSON || !(rest.first ?? "").isEmpty else {
        throw InputError("Missing command after HEALTHCHECK CMD", at: node.argumentsLocation)
      }
      func duration(_ name: String) throws(InputError) -> Double? {
        guard let text = flags.strings[name] else { return nil }
        let location = flags.locations[name] ?? node.location
        guard let seconds = GoDuration.seconds(text) else {
          throw InputError("invalid duration `\(text)` for --\(name) (use e.g. 30s, 1m30s)", at: location)
        }
        if seconds != 0 && seconds < 0.001 {
          throw InputError("Interval \"\(name)\" cannot be less than 1ms", at: location)
        }
        return seconds
      }
      var retries: Int?
      if let text = flags.strings["retries"] {
        guard let value = Int32(text) else {
          throw InputError("invalid --retries `\(text)`: expected a whole number", at: flags.locations["retries"] ?? node.location)
        }
        guard value >= 0 else {
          throw InputError("--retries cannot be negative (\(value))", at: flags.locations["retries"] ?? node.location)
        }
        retries = Int(value)
      }
      return .check(HealthCheck(
        command: node.isJSON ? .exec(rest) : .shell(rest[0]),
        interval: try duration("interval"), timeout: try duration("timeout"),
        startPeriod: try duration("start-period"), startInterval: try duration("start-interval"), retries: retries))
    default:
      throw InputError("Unknown type \"\(kind)\" in HEALTHCHECK (try CMD)", at: node.argumentsLocation)
    }
  }
}
