import Diagnostics

/// Reads the typed sections of a template from its nodes, throwing a located
/// `InputError` for a section or attribute of the wrong shape.
struct SectionReader {
  let file: String

  func string(_ node: TemplateNode, what: String) throws(InputError) -> Located<String> {
    guard let scalar = node.scalar, scalar.kind != .null else {
      throw InputError("\(what) must be a string; found \(node.kindDescription)", at: node.location)
    }
    return Located(scalar.text, at: node.location)
  }

  func mapping(_ node: TemplateNode?, what: String) throws(InputError) -> TemplateMap? {
    guard let node else { return nil }
    guard let map = node.map else {
      throw InputError("\(what) must be a mapping; found \(node.kindDescription)", at: node.location)
    }
    return map
  }

  func transforms(_ node: TemplateNode?) throws(InputError) -> [Located<String>] {
    guard let node else { return [] }
    if let items = node.list {
      return try items.map { item throws(InputError) in try transformName(item) }
    }
    return [try transformName(node)]
  }

  /// A transform is a name, or `{Name: ..., Parameters: ...}` for a macro with parameters.
  private func transformName(_ node: TemplateNode) throws(InputError) -> Located<String> {
    if let map = node.map, let name = map["Name"] { return try string(name, what: "Transform Name") }
    return try string(node, what: "Transform")
  }

  func parameters(_ node: TemplateNode?) throws(InputError) -> [Parameter] {
    guard let map = try mapping(node, what: "Parameters") else { return [] }
    return try map.entries.map { entry throws(InputError) in
      guard let body = entry.value.map else {
        throw InputError("parameter \(entry.key) must be a mapping with at least Type; found \(entry.value.kindDescription)", at: entry.value.location)
      }
      guard let typeNode = body["Type"] else {
        throw InputError("parameter \(entry.key) has no Type", at: entry.keyLocation)
      }
      let allowed: [TemplateNode]
      if let node = body["AllowedValues"] {
        guard let list = node.list else {
          throw InputError("AllowedValues of parameter \(entry.key) must be a list; found \(node.kindDescription)", at: node.location)
        }
        allowed = list
      } else {
        allowed = []
      }
      return Parameter(
        name: entry.key, location: entry.keyLocation,
        type: try string(typeNode, what: "Type of parameter \(entry.key)"),
        defaultValue: body["Default"], allowedValues: allowed,
        allowedPattern: try body["AllowedPattern"].map { node throws(InputError) in try string(node, what: "AllowedPattern") },
        minValue: try number(body["MinValue"], what: "MinValue"), maxValue: try number(body["MaxValue"], what: "MaxValue"),
        minLength: try number(body["MinLength"], what: "MinLength").map(Int.init), maxLength: try number(body["MaxLength"], what: "MaxLength").map(Int.init),
        noEcho: body["NoEcho"]?.scalar?.boolean ?? false,
        description: body["Description"]?.text)
    }
  }

  private func number(_ node: TemplateNode?, what: String) throws(InputError) -> Double? {
    guard let node else { return nil }
    guard let value = node.scalar?.number else {
      throw InputError("\(what) must be a number; found \(node.kindDescription)", at: node.location)
    }
    return value
  }

  static let resourceAttributes: Set<String> = [
    "Type", "Properties", "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata",
    "CreationPolicy", "UpdatePolicy", "Version", "Description",
    // SAM resource attributes.
    "Connectors", "IgnoreGlobals",
  ]

  func resource(_ entry: TemplateMap.Entry) throws(InputError) -> Resource {
    guard let body = entry.value.map else {
      throw InputError("resource \(entry.key) must be a mapping with a Type; found \(entry.value.kindDescription)", at: entry.value.location)
    }
    for attribute in body.entries where !Self.resourceAttributes.contains(attribute.key) {
      throw InputError("resource \(entry.key) has an unknown attribute \"\(attribute.key)\"; expected one of \(Self.resourceAttributes.sorted().joined(separator: ", "))", at: attribute.keyLocation)
    }
    guard let typeNode = body["Type"] else {
      throw InputError("resource \(entry.key) has no Type", at: entry.keyLocation)
    }
    let type = try string(typeNode, what: "Type of resource \(entry.key)")
    let properties: TemplateMap
    let propertiesLocation: SourceLocation
    let propertiesNode = body["Properties"]
    if let node = propertiesNode {
      guard node.map != nil || node.intrinsic != nil else {
        throw InputError("Properties of resource \(entry.key) must be a mapping; found \(node.kindDescription)", at: node.location)
      }
      properties = node.map ?? TemplateMap([])
      propertiesLocation = node.location
    } else {
      properties = TemplateMap([])
      propertiesLocation = entry.keyLocation
    }
    var dependsOn: [Located<String>] = []
    if let node = body["DependsOn"] {
      let items = node.list ?? [node]
      dependsOn = try items.map { item throws(InputError) in try string(item, what: "DependsOn of resource \(entry.key)") }
    }
    return Resource(
      logicalID: entry.key, location: entry.keyLocation, bodyLocation: entry.value.location, type: type, properties: properties,
      propertiesNode: propertiesNode, propertiesLocation: propertiesLocation,
      condition: try body["Condition"].map { node throws(InputError) in try string(node, what: "Condition of resource \(entry.key)") },
      dependsOn: dependsOn, deletionPolicy: body["DeletionPolicy"], updateReplacePolicy: body["UpdateReplacePolicy"],
      metadata: body["Metadata"], ignoreGlobals: body["IgnoreGlobals"])
  }

  func output(_ entry: TemplateMap.Entry) throws(InputError) -> Output {
    guard let body = entry.value.map, let value = body["Value"] else {
      throw InputError("output \(entry.key) must be a mapping with a Value", at: entry.keyLocation)
    }
    return Output(
      name: entry.key, location: entry.keyLocation, value: value, export: body["Export"],
      condition: try body["Condition"].map { node throws(InputError) in try string(node, what: "Condition of output \(entry.key)") },
      description: body["Description"]?.text)
  }
}
