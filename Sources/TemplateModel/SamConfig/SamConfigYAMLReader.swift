import Diagnostics

/// Reads `samconfig.yaml`/`.yml` through the template's YAML reader (so locations come
/// from libyaml marks and duplicate keys are rejected the same way).
enum SamConfigYAMLReader {
  static func read(_ source: SourceText) throws(InputError) -> SamConfig {
    let document = try TemplateDocument.load(source)
    guard let root = document.root else {
      return SamConfig(file: source.file, format: .yaml, version: nil, environments: [])
    }
    var version: Located<String>? = nil
    var environments: [SamConfigEnvironment] = []
    for entry in root.entries {
      if entry.key == "version" {
        guard let scalar = entry.value.scalar, scalar.kind == .float else {
          throw SamConfig.versionError(found: entry.value.scalar.map { "the \($0.kind == .string ? "string" : "\($0.kind)") \"\($0.text)\"" } ?? entry.value.kindDescription, at: entry.value.location)
        }
        version = Located(scalar.text, at: entry.value.location)
        continue
      }
      guard let envMap = entry.value.map else {
        throw InputError("samconfig: \"\(entry.key)\" must be a config env mapping (\(entry.key): {deploy: {parameters: ...}})", at: entry.keyLocation)
      }
      var commands: [String: [String: SamConfigValue]] = [:]
      for command in envMap.entries {
        guard let parameters = command.value.map?["parameters"]?.map else {
          throw InputError("samconfig: \(entry.key).\(command.key) must hold a \"parameters\" mapping", at: command.keyLocation)
        }
        var values: [String: SamConfigValue] = [:]
        for parameter in parameters.entries {
          values[parameter.key] = SamConfigValue(try convert(parameter.value, name: parameter.key), at: parameter.keyLocation)
        }
        commands[command.key] = values
      }
      environments.append(SamConfigEnvironment(name: entry.key, location: entry.keyLocation, commands: commands))
    }
    if version == nil, let first = environments.first { throw SamConfig.versionError(found: nil, at: first.location) }
    return SamConfig(file: source.file, format: .yaml, version: version, environments: environments)
  }

  private static func convert(_ node: TemplateNode, name: String) throws(InputError) -> SamConfigValue.Value {
    if let scalar = node.scalar {
      switch scalar.kind {
      case .boolean: return .bool(scalar.boolean ?? (["yes", "on", "y"].contains(scalar.text.lowercased())))
      case .integer, .float: return .number(scalar.number ?? 0)
      default: return .string(scalar.text)
      }
    }
    if let items = node.list {
      var texts: [String] = []
      for item in items {
        guard let text = item.text else { throw InputError("samconfig: \(name) must be a list of strings", at: item.location) }
        texts.append(text)
      }
      return .list(texts)
    }
    throw InputError("samconfig: \(name) must be a string, a boolean, a number or a list of strings; found \(node.kindDescription)", at: node.location)
  }
}
