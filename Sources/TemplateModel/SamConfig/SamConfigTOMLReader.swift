import Diagnostics
import TOMLKit

/// Reads `samconfig.toml` through TOMLKit, locating keys with `TOMLKeyLocator`.
enum SamConfigTOMLReader {
  static func read(_ source: SourceText) throws(InputError) -> SamConfig {
    let table = try TOMLDocument.table(source)
    let locator = TOMLKeyLocator(source)
    // The first located key that starts with `prefix`.
    func firstLocated(startingWith prefix: String) -> SourceLocation? {
      locator.locations.filter { $0.key.hasPrefix(prefix) }.map(\.value).min()
    }
    func location(_ path: [String]) -> SourceLocation {
      var path = path
      while !path.isEmpty {
        let key = path.joined(separator: ".")
        if let found = locator.locations[key] { return found }
        // A table written only through dotted keys (`a.b = 1`): its first such key.
        if let first = firstLocated(startingWith: key + ".") { return first }
        path.removeLast()
      }
      return .start(of: source.file)
    }
    if let first = locator.keysHoldingNUL.first { throw unreadableKey(first.cut, at: first.location) }
    if let first = locator.nulEscapes.first {
      throw InputError("samconfig: this string holds a NUL character (\\u0000), which vibe-rules cannot read: TOML's reader cuts the string there", at: first)
    }
    var version: Located<String>? = nil
    var environments: [SamConfigEnvironment] = []
    for key in table.keys {
      guard let value = table[key] else { throw unreadableKey(key, at: location([key])) }
      if key == "version" {
        guard let number = value.double, value.int == nil else {
          throw SamConfig.versionError(found: value.string.map { "the string \"\($0)\"" } ?? value.int.map { "the integer \($0)" } ?? "\(value)", at: location([key]))
        }
        version = Located(String(number), at: location([key]))
        continue
      }
      guard let envTable = value.table else {
        throw InputError("samconfig: \"\(key)\" must be a config env table such as [\(key).deploy.parameters]", at: location([key]))
      }
      var commands: [String: [String: SamConfigValue]] = [:]
      for command in envTable.keys {
        guard let entry = envTable[command] else { throw unreadableKey("\(key).\(command)", at: location([key, command])) }
        guard let commandTable = entry.table else {
          throw InputError("samconfig: \"\(key).\(command)\" must be a table such as [\(key).\(command).parameters]", at: location([key, command]))
        }
        guard let parameters = commandTable["parameters"]?.table else {
          throw InputError("samconfig: [\(key).\(command)] must hold a \"parameters\" table ([\(key).\(command).parameters])", at: location([key, command]))
        }
        var values: [String: SamConfigValue] = [:]
        for name in parameters.keys {
          let at = location([key, command, "parameters", name])
          guard let raw = parameters[name] else { throw unreadableKey("\(key).\(command).parameters.\(name)", at: at) }
          values[name] = SamConfigValue(try convert(raw, at: at, name: name), at: at)
        }
        commands[command] = values
      }
      environments.append(SamConfigEnvironment(name: key, location: location([key]), commands: commands))
    }
    environments.sort { $0.location < $1.location }
    if version == nil, let first = environments.first { throw SamConfig.versionError(found: nil, at: first.location) }
    return SamConfig(file: source.file, format: .toml, version: version, environments: environments)
  }

  /// A key holding a NUL character (`"pr\u0000od"`, valid TOML), found in the text
  /// (`TOMLKeyLocator.keysHoldingNUL`) or as a key TOMLKit lists but cannot look up: its
  /// C++ parser (toml++) hands such keys over cut at the NUL. Skipping one had dropped a
  /// config env from the report without a word; one whose cut equals another key had
  /// silently taken that key's value. No `--config-env` argument can hold a NUL, so SAM
  /// CLI cannot deploy such an env either. `cut` is the key up to the NUL.
  private static func unreadableKey(_ cut: String, at location: SourceLocation) -> InputError {
    InputError("samconfig: the key \"\(cut)...\" holds a NUL character (\\u0000), which vibe-rules cannot read and no --config-env can name", at: location)
  }

  private static func convert(_ value: TOMLValueConvertible, at location: SourceLocation, name: String) throws(InputError) -> SamConfigValue.Value {
    if let text = value.string { return .string(text) }
    if let flag = value.bool { return .bool(flag) }
    if let number = value.int { return .number(Double(number)) }
    if let number = value.double { return .number(number) }
    if let array = value.array {
      var items: [String] = []
      for item in array {
        guard let text = item.string ?? item.int.map(String.init) ?? item.bool.map({ $0 ? "true" : "false" }) else {
          throw InputError("samconfig: \(name) must be a list of strings", at: location)
        }
        items.append(text)
      }
      return .list(items)
    }
    throw InputError("samconfig: \(name) has a value of an unsupported type (\(value.type))", at: location)
  }
}
