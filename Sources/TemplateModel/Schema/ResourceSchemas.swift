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

  /// The data's tables, each scope's built the first time it is asked for.
  private let tables: ResourceSchemaTables

  /// Reads `data`, tab-separated lines `scope<TAB>property<TAB>type` (see
  /// `ResourceSchemaData.swift`): a line is read as its tab-separated non-empty fields, each
  /// trimmed of spaces, and lines without exactly three are skipped. Only where each
  /// scope's lines are is found here; see `ResourceSchemaTables`.
  init(data: String) {
    tables = ResourceSchemaTables(data: data)
  }

  /// The properties of `scope`, or nil when the data lists none.
  private func known(_ scope: String) -> [String: PropertyType]? {
    guard let properties = tables.scope(scope)?.properties, !properties.isEmpty else { return nil }
    return properties
  }

  /// Whether the data describes resource type `type` (a definition's scope,
  /// `AWS::IAM::Role#Policy`, is no resource type).
  public func knows(_ type: String) -> Bool { !type.containsText("#") && known(type) != nil }

  /// The writable top-level properties of `type`, or nil for an unknown type.
  public func properties(of type: String) -> [String: PropertyType]? { known(type) }

  /// The properties `scope` (a resource type, or `type#definition`) requires, in name order;
  /// empty when it requires none or is unknown.
  public func requiredProperties(of scope: String) -> [String] { tables.scope(scope)?.required ?? [] }

  /// Whether `type` accepts `Tags` (nil when the type is unknown).
  public func isTaggable(_ type: String) -> Bool? { known(type).map { $0["Tags"] != nil } }

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
        requireProperties(TemplateMap([]), scope: type, required: requiredProperties(of: type), at: resource.location, path: path, into: &violations)
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
    guard let table = tables.scope(scope), !table.properties.isEmpty else { return }
    let known = table.properties
    requireProperties(map, scope: scope, required: table.required, at: location, path: path, into: &violations)
    let open = table.isOpen
    for entry in map.entries {
      let entryPath = path + "/" + entry.key
      guard let expected = known[entry.key] else {
        // A YAML merge key (`<<`) is applied by `sam deploy` before upload, as
        // `requireProperties` reads it; what it merges in is not checked.
        if open || entry.key.hasPrefix("Fn::") || entry.key == "<<" { continue }
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

  /// Adds a violation naming the properties `scope` requires (`required`) that `map` lacks. CloudFormation
  /// validates a resource's properties against its schema before creating it and fails the
  /// resource with "Properties validation failed for resource ... required key [Name] not
  /// found" (resource type schema, `required`:
  /// https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html).
  private func requireProperties(_ map: TemplateMap, scope: String, required: [String], at location: SourceLocation, path: String, into violations: inout [SchemaViolation]) {
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
