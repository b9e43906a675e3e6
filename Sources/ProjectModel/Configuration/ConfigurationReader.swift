import Diagnostics
import Foundation
import Requirements
import TemplateModel

extension VibeRulesConfiguration {
  /// Reads a configuration file (YAML, read with the template reader so every value keeps
  /// its line and column).
  ///
  /// - Throws: `InputError` at the offending key or value: YAML syntax, a document that
  ///   is not a mapping, an unknown key, a value of the wrong shape, a waiver without a
  ///   reason or subject, a malformed `expires` date or requirement ID, an unknown rule setting.
  public static func parse(_ source: SourceText) throws(InputError) -> VibeRulesConfiguration {
    let document: TemplateDocument
    do {
      document = try TemplateDocument.load(source)
    } catch {
      // The template reader words a non-mapping document for templates.
      if error.message.hasPrefix("a template must be a mapping") {
        throw InputError("\(defaultFile) must be a mapping of keys (\(keys.joined(separator: ", ")))", at: error.location)
      }
      throw error
    }
    var configuration = VibeRulesConfiguration(file: source.file)
    guard let root = document.root else { return configuration }
    for entry in root.entries {
      let value = entry.value
      switch entry.key {
      case let key where pathKeys.contains(key):
        configuration.paths[key] = try path(value, what: key)
      case "baseline":
        configuration.baseline = try path(value, what: "baseline")
      case "target":
        configuration.target = try text(value, what: "target")
      case "environments":
        configuration.environments = try texts(value, what: "environments")
      case "evidence":
        configuration.evidence = try texts(value, what: "evidence").map { item throws(InputError) in
          try insideRepository(item, what: "each item of evidence")
        }
      case "rules":
        configuration.rules = try ruleSettings(value)
      case "waive":
        configuration.waivers = try waivers(value, file: source.file)
      case "values":
        configuration.values = try values(value)
      case "not-waivable":
        configuration.notWaivable = try texts(value, what: "not-waivable").map { item throws(InputError) in
          guard let id = RequirementID(item.value) else {
            throw InputError("not-waivable lists requirement IDs such as \"8.2\"; found \"\(item.value)\"", at: item.location)
          }
          return Located(id, at: item.location)
        }
      default:
        throw InputError("unknown key \"\(entry.key)\" in \(defaultFile); expected one of \(keys.joined(separator: ", "))", at: entry.keyLocation)
      }
    }
    return configuration
  }

  /// `values: {"8.2": {container-port: 8000}}`: single requirement values, typed and
  /// checked like REQUIREMENTS.md's, located in the configuration.
  private static func values(_ node: TemplateNode) throws(InputError) -> [RequirementID: [RequirementValue]] {
    guard let map = node.map else {
      throw InputError("values must map requirement IDs to key: value pairs, e.g. \"8.2\": {container-port: 8000}", at: node.location)
    }
    var result: [RequirementID: [RequirementValue]] = [:]
    for entry in map.entries {
      guard let id = RequirementID(entry.key) else {
        throw InputError("values: \"\(entry.key)\" is not a requirement ID such as \"8.2\"", at: entry.keyLocation)
      }
      guard let pairs = entry.value.map else {
        throw InputError("values of \(id) must be a mapping of key: value", at: entry.value.location)
      }
      for pair in pairs.entries {
        guard let kind = RequirementValueKind.keys[pair.key] else {
          throw InputError("unknown value key \"\(pair.key)\"; known keys: \(RequirementValueKind.keys.keys.sorted().joined(separator: ", "))", at: pair.keyLocation)
        }
        let written = pair.value.list.map { $0.compactMap(\.text).joined(separator: ", ") } ?? pair.value.text ?? ""
        guard let quantity = kind.read(written) else {
          throw InputError("\(pair.key): \"\(written)\" is not \(kind.expectedForm)", at: pair.value.location)
        }
        result[id, default: []].append(RequirementValue(key: pair.key, quantity: quantity, written: written, location: pair.value.location))
      }
    }
    return result
  }

  /// A non-empty string scalar.
  private static func text(_ node: TemplateNode, what: String) throws(InputError) -> Located<String> {
    guard let scalar = node.scalar, scalar.kind != .null, !scalar.text.isEmpty else {
      throw InputError("\(what) must be a string; found \(node.kindDescription)", at: node.location)
    }
    return Located(scalar.text, at: node.location)
  }

  /// A path inside the repository: `.vibe-rules.yaml` comes with the files it configures,
  /// so it may not point vibe-rules at (or make it write) a file elsewhere; the command
  /// line's options may.
  private static func path(_ node: TemplateNode, what: String) throws(InputError) -> Located<String> {
    try insideRepository(text(node, what: what), what: what)
  }

  private static func insideRepository(_ path: Located<String>, what: String) throws(InputError) -> Located<String> {
    let parts = path.value.split(separator: "/")
    guard !path.value.hasPrefix("/"), !path.value.hasPrefix("~"), !parts.contains("..") else {
      throw InputError("\(what) must be a path inside the repository (relative, without '..'); found \(path.value)", at: path.location)
    }
    return path
  }

  /// A list of strings, or one string as a one-item list.
  private static func texts(_ node: TemplateNode, what: String) throws(InputError) -> [Located<String>] {
    guard let items = node.list else { return [try text(node, what: what)] }
    return try items.map { item throws(InputError) in try text(item, what: "each item of \(what)") }
  }

  /// `rules: {<rule id>: off | warning | error}`.
  private static func ruleSettings(_ node: TemplateNode) throws(InputError) -> [String: Located<RuleSetting>] {
    guard let map = node.map else {
      throw InputError("rules must be a mapping of rule id to off, warning or error; found \(node.kindDescription)", at: node.location)
    }
    var settings: [String: Located<RuleSetting>] = [:]
    for entry in map.entries {
      // YAML 1.1 readers take a bare `off` for false; accept what the user meant.
      let word = entry.value.scalar.map { $0.kind == .boolean && $0.boolean == false ? "off" : $0.text.lowercased() }
      guard let word, let setting = RuleSetting(rawValue: word) else {
        throw InputError("the setting of rule \(entry.key) must be off, warning or error; found \(entry.value.display)", at: entry.value.location)
      }
      settings[entry.key] = Located(setting, at: entry.keyLocation)
    }
    return settings
  }

  /// `waive: [{rule or requirement, reason, expires, environments}]`, each covering every
  /// file (in the config envs listed, or in all).
  private static func waivers(_ node: TemplateNode, file: String) throws(InputError) -> [Waiver] {
    guard let list = node.list else {
      throw InputError("waive must be a list of {requirement or rule, reason, expires}; found \(node.kindDescription)", at: node.location)
    }
    var waivers: [Waiver] = []
    for item in list {
      guard let map = item.map else {
        throw InputError("a waiver must be a mapping with requirement or rule, and reason", at: item.location)
      }
      for entry in map.entries where !["rule", "requirement", "reason", "expires", "environments"].contains(entry.key) {
        throw InputError("unknown waiver key \"\(entry.key)\"; expected rule, requirement, reason, expires, environments", at: entry.keyLocation)
      }
      guard let subject = map["requirement"] ?? map["rule"], let id = subject.text, !id.isEmpty else {
        throw InputError("a waiver must name a requirement or a rule", at: item.location)
      }
      guard let reason = map["reason"]?.text, !reason.isBlank else {
        throw InputError("the waiver of \(id) has no reason; every waiver must say why", at: item.location)
      }
      var expires: String? = nil
      if let date = map["expires"] {
        guard let text = date.text.flatMap(Waiver.isoDate) else {
          throw InputError("expires must be a date YYYY-MM-DD; found \(date.display)", at: date.location)
        }
        expires = text
      }
      let target: Waiver.Target
      if map["requirement"] != nil {
        guard let requirement = RequirementID(id) else {
          throw InputError("requirement must be a requirement ID such as \"8.2\"; found \"\(id)\"", at: subject.location)
        }
        target = .requirement(requirement)
      } else {
        target = .rule(id)
      }
      var waiver = Waiver(target: target, reason: reason, expires: expires, location: item.location, file: file, lines: nil)
      waiver.coversEveryFile = true
      if let node = map["environments"] {
        waiver.environments = try texts(node, what: "environments").map(\.value)
      }
      waivers.append(waiver)
    }
    return waivers
  }
}
