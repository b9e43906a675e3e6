import Diagnostics

/// Property names and basic types of the CloudFormation resource types vibe-rules knows,
/// compiled from the published resource provider schemas (see `ResourceSchemaData.swift`
/// and `scripts/generate-resource-schemas.py`). Types not in the data are not checked.
public struct ResourceSchemas: Sendable {
  /// A property's expected shape.
  public indirect enum PropertyType: Hashable, Sendable {
    case string, integer, number, boolean, any
    /// A free-form mapping.
    case object
    /// A mapping described by a definition of the same resource schema.
    case definition(String)
    case list(PropertyType)
  }

  public static let shared = ResourceSchemas(data: data)

  /// scope (`AWS::ECS::Service` or `AWS::ECS::Service#LoadBalancer`) → property → type.
  private var scopes: [String: [String: PropertyType]] = [:]
  private var openScopes: Set<String> = []
  /// scope → the properties it requires (the schema's `required`), in name order.
  private var requiredProperties: [String: [String]] = [:]

  /// Reads the tab-separated data over its UTF-8 bytes (it is ASCII): splitting by
  /// Character cost more than everything else `vibe-rules report` did on a small
  /// repository (profiled with callgrind; see benchmarks/RESULTS.md). A line is read as
  /// its tab-separated non-empty fields, each trimmed of spaces; lines without exactly
  /// three are skipped. The lines of one scope are consecutive, so each scope's table is
  /// built apart and stored once (a later line of a scope still wins over an earlier
  /// one, as if stored line by line).
  init(data: String) {
    let bytes = Array(data.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
      func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) }
      func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool { a.count == b.count && buffer[a].elementsEqual(buffer[b]) }
      var scope = 0..<0
      var properties: [String: PropertyType] = [:]
      func flush() {
        guard !properties.isEmpty else { return }
        let name = text(scope)
        if scopes[name] == nil {
          scopes[name] = properties
        } else {
          scopes[name]!.merge(properties) { $1 }
        }
        properties = [:]
      }
      var fields: [Range<Int>] = []
      var position = 0
      while position < buffer.count {
        var lineEnd = position
        while lineEnd < buffer.count && buffer[lineEnd] != newline { lineEnd += 1 }
        fields.removeAll(keepingCapacity: true)
        var index = position
        while index < lineEnd {
          while index < lineEnd && buffer[index] == tab { index += 1 }
          guard index < lineEnd else { break }
          var start = index
          while index < lineEnd && buffer[index] != tab { index += 1 }
          var end = index
          while start < end && buffer[start] == space { start += 1 }
          while end > start && buffer[end - 1] == space { end -= 1 }
          fields.append(start..<end)
        }
        position = lineEnd + 1
        guard fields.count == 3 else { continue }
        if fields[1].count == 1 && buffer[fields[1].lowerBound] == UInt8(ascii: "*") {
          openScopes.insert(text(fields[0]))
          continue
        }
        // Compared by bytes: a String per line of the table cost 0.3 M instructions a run.
        if buffer[fields[1].lowerBound] == UInt8(ascii: "!"), buffer[fields[1]].elementsEqual(Self.requiredMarkerText) {
          requiredProperties[text(fields[0])] = text(fields[2]).split(separator: ",").map(String.init)
          continue
        }
        if !same(fields[0], scope) {
          flush()
          scope = fields[0]
        }
        properties[text(fields[1])] = Self.parse(text(fields[2]))
      }
      flush()
    }
  }

  /// The property field of a line listing a scope's required properties, as bytes.
  private static let requiredMarkerText = Array("!required".utf8)

  private static func parse(_ text: String) -> PropertyType {
    switch text {
    case "string": .string
    case "integer": .integer
    case "number": .number
    case "boolean": .boolean
    case "object": .object
    default:
      if text.hasPrefix("[") && text.hasSuffix("]") { .list(parse(String(text.dropFirst().dropLast()))) }
      else if text.hasPrefix("#") { .definition(String(text.dropFirst())) }
      else { .any }
    }
  }

  /// Whether the data describes resource type `type` (a definition's scope,
  /// `AWS::IAM::Role#Policy`, is no resource type).
  public func knows(_ type: String) -> Bool { !type.containsText("#") && scopes[type] != nil }

  /// The writable top-level properties of `type`, or nil for an unknown type.
  public func properties(of type: String) -> [String: PropertyType]? { scopes[type] }

  /// The properties `scope` (a resource type, or `type#definition`) requires, in name order;
  /// empty when it requires none or is unknown.
  public func requiredProperties(of scope: String) -> [String] { requiredProperties[scope] ?? [] }

  /// Whether `type` accepts `Tags` (nil when the type is unknown).
  public func isTaggable(_ type: String) -> Bool? { scopes[type].map { $0["Tags"] != nil } }

  /// Checks every known resource's properties as written: unknown (misspelt or
  /// wrongly cased) names, values of the wrong basic shape, and required properties that
  /// are missing (a resource without `Properties` has none). Values that are intrinsic
  /// functions are not checked (they are only known per env), nor are the required
  /// properties of a mapping with `Fn::Transform`, `Fn::ForEach` or a YAML merge key `<<`
  /// (only known once it is applied). A property written `!Ref AWS::NoValue` is not
  /// written; a null value is rejected.
  public func check(_ template: Template) -> [SchemaViolation] {
    var violations: [SchemaViolation] = []
    for resource in template.resources where knows(resource.type.value) {
      let path = "Resources/\(resource.logicalID)/Properties"
      let type = resource.type.value
      guard let node = resource.propertiesNode else {
        requireProperties(TemplateMap([]), scope: type, at: resource.location, path: path, into: &violations)
        continue
      }
      guard let properties = node.map else { continue }
      check(properties, scope: type, type: type, at: node.location, path: path, into: &violations)
    }
    return violations
  }

  /// `map` is the value of a property of scope `scope` (or a resource's `Properties`),
  /// written at `location`.
  private func check(_ map: TemplateMap, scope: String, type: String, at location: SourceLocation, path: String, into violations: inout [SchemaViolation]) {
    guard let known = scopes[scope] else { return }
    requireProperties(map, scope: scope, at: location, path: path, into: &violations)
    let open = openScopes.contains(scope)
    for entry in map.entries {
      let entryPath = path + "/" + entry.key
      guard let expected = known[entry.key] else {
        if open || entry.key.hasPrefix("Fn::") { continue }
        let suggestion = known.keys.first { $0.lowercased() == entry.key.lowercased() }
          ?? known.keys.sorted().first { Self.distance($0.lowercased(), entry.key.lowercased()) <= 2 }
        violations.append(SchemaViolation(
          message: "\(scope.replacingHash) has no property \"\(entry.key)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""),
          location: entry.keyLocation, path: entryPath))
        continue
      }
      check(entry.value, expected, type: type, path: entryPath, into: &violations)
      if let property = JSONTextProperty.all[scope + "." + entry.key], let violation = property.check(entry.value, path: entryPath) {
        violations.append(violation)
      }
    }
  }

  private func check(_ node: TemplateNode, _ expected: PropertyType, type: String, path: String, into violations: inout [SchemaViolation]) {
    if case .intrinsic = node.value { return }
    // "Template format error: ... 'null' values are not allowed in templates".
    if node.scalar?.kind == .null {
      violations.append(SchemaViolation(message: "\(Self.place(path)) is null: CloudFormation rejects null values in templates (write a value, or leave the property out)", location: node.location, path: path))
      return
    }
    func wrong(_ what: String) {
      violations.append(SchemaViolation(message: "\(path.split(separator: "/").last ?? "") must be \(what); found \(node.kindDescription)", location: node.location, path: path))
    }
    switch expected {
    case .any:
      return
    case .string:
      if node.scalar == nil { wrong("a string") }
    case .integer, .number:
      guard let scalar = node.scalar else { return wrong("a number") }
      guard let number = scalar.number else { return wrong("a number") }
      // A schema's integer is a number without a fraction (JSON Schema 2020-12, "integer":
      // 1.0 is one); CloudFormation rejects `DesiredCount: 1.5`.
      if expected == .integer, number.isFinite, number.rounded() != number { wrong("a whole number") }
    case .boolean:
      guard let scalar = node.scalar else { return wrong("a boolean") }
      if scalar.boolean == nil { wrong("a boolean (true or false)") }
    case .object:
      if node.map == nil { wrong("a mapping") }
    case .definition(let name):
      guard let map = node.map else { return wrong("a mapping (\(name))") }
      check(map, scope: type + "#" + name, type: type, at: node.location, path: path, into: &violations)
    case .list(let item):
      guard let items = node.list else { return wrong("a list") }
      for (index, element) in items.enumerated() {
        check(element, item, type: type, path: path + "/\(index)", into: &violations)
      }
    }
  }

  /// Adds a violation naming the properties `scope` requires that `map` lacks. CloudFormation
  /// validates a resource's properties against its schema before creating it and fails the
  /// resource with "Properties validation failed for resource ... required key [Name] not
  /// found" (resource type schema, `required`:
  /// https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html).
  private func requireProperties(_ map: TemplateMap, scope: String, at location: SourceLocation, path: String, into violations: inout [SchemaViolation]) {
    let required = requiredProperties(of: scope)
    // Keys that make others: `Fn::Transform` and `Fn::ForEach::Name` (applied by
    // CloudFormation) and YAML's merge key `<<` (applied by `sam deploy` before upload).
    guard !required.isEmpty, !map.entries.contains(where: { $0.key == "Fn::Transform" || $0.key.hasPrefix("Fn::ForEach::") || $0.key == "<<" }) else { return }
    // A null value is named where it is written (`check(_:_:type:path:into:)`).
    let missing = required.filter { name in map[name].map(Self.isNoValue) ?? true }
    guard !missing.isEmpty else { return }
    let names = missing.map { "\"\($0)\"" }
    let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    violations.append(SchemaViolation(
      message: "\(Self.place(path)) (\(scope.replacingHash)) requires \(list), missing here: CloudFormation fails the resource (\"required key [\(missing[0])] not found\")",
      location: location, path: path))
  }

  /// The required properties of `resource` (a top-level property its schema requires)
  /// that are written, but not as `!Ref AWS::NoValue`, and that its evaluation for an env
  /// removed (an `!If` whose condition picks `AWS::NoValue` there), in name order. Those
  /// missing as written are `check(_:)`'s; nested mappings are not compared.
  public func requiredPropertiesRemoved(from resource: EvaluatedResource) -> [String] {
    guard knows(resource.type), resource.source.propertiesNode?.map != nil else { return [] }
    return requiredProperties(of: resource.type).filter { name in
      guard let written = resource.source.properties[name], !Self.isNoValue(written) else { return false }
      return resource.properties[name] == nil
    }
  }

  /// A property's path as messages name it: `Role/Properties/Policies/0` for
  /// `Resources/Role/Properties/Policies/0`.
  private static func place(_ path: String) -> String {
    path.hasPrefix("Resources/") ? String(path.dropFirst("Resources/".count)) : path
  }

  /// `!Ref AWS::NoValue`: CloudFormation removes the property.
  private static func isNoValue(_ node: TemplateNode) -> Bool {
    guard case .intrinsic(let intrinsic) = node.value, intrinsic.function == .ref else { return false }
    return intrinsic.argument.scalar.flatMap { PseudoParameter(rawValue: $0.text) } == .noValue
  }

  /// Levenshtein distance, for "did you mean" (names are short).
  private static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// A property of a resource that its type's schema does not allow.
public struct SchemaViolation: Hashable, Sendable {
  public var message: String
  public var location: SourceLocation
  public var path: String
}

extension String {
  fileprivate var replacingHash: String { replacingAll("#", with: " ") }
}
