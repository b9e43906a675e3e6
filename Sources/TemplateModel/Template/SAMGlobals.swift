import Diagnostics

/// SAM's `Globals` section, merged into `AWS::Serverless::*` resources as the SAM
/// transform does (and as cfn-lint reproduces it): a scalar or intrinsic function set on
/// the resource wins over the global one; mappings merge key by key, recursively; lists
/// concatenate, global items first. A resource's `IgnoreGlobals` (`"*"` or property
/// names) keeps those properties out. Reference: "Globals section of the AWS SAM
/// template", https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
struct SAMGlobals {
  /// Globals section key → the resource type it applies to.
  static let sections: [String: String] = [
    "Function": "AWS::Serverless::Function",
    "Api": "AWS::Serverless::Api",
    "HttpApi": "AWS::Serverless::HttpApi",
    "SimpleTable": "AWS::Serverless::SimpleTable",
    "StateMachine": "AWS::Serverless::StateMachine",
    "LayerVersion": "AWS::Serverless::LayerVersion",
    "CapacityProvider": "AWS::Serverless::CapacityProvider",
  ]

  private var byType: [String: TemplateMap] = [:]

  init(_ globals: TemplateMap, file: String) throws(InputError) {
    for entry in globals.entries {
      guard let type = Self.sections[entry.key] else {
        throw InputError("\"\(entry.key)\" is not a Globals section SAM supports; expected one of \(Self.sections.keys.sorted().joined(separator: ", "))", at: entry.keyLocation)
      }
      guard let map = entry.value.map else {
        throw InputError("Globals \(entry.key) must be a mapping of properties; found \(entry.value.kindDescription)", at: entry.value.location)
      }
      byType[type] = map
    }
  }

  func merge(into resources: [Resource]) throws(InputError) -> [Resource] {
    resources.map { resource in
      guard let global = byType[resource.type.value] else { return resource }
      let ignored = ignoredProperties(resource)
      guard !ignored.contains("*") else { return resource }
      var merged = resource
      let filtered = TemplateMap(global.entries.filter { !ignored.contains($0.key) })
      merged.properties = Self.merge(global: filtered, local: resource.properties)
      merged.propertiesNode = TemplateNode(.map(merged.properties), at: resource.propertiesLocation)
      return merged
    }
  }

  private func ignoredProperties(_ resource: Resource) -> Set<String> {
    guard let node = resource.ignoreGlobals else { return [] }
    if let text = node.text { return [text] }
    return Set(node.list?.compactMap(\.text) ?? [])
  }

  static func merge(global: TemplateMap, local: TemplateMap) -> TemplateMap {
    var entries = local.entries
    var positions: [String: Int] = [:]
    for (offset, entry) in entries.enumerated() { positions[entry.key] = offset }
    var added: [TemplateMap.Entry] = []
    for entry in global.entries {
      guard let offset = positions[entry.key] else {
        added.append(entry)
        continue
      }
      entries[offset].value = merge(global: entry.value, local: entries[offset].value)
    }
    return TemplateMap(added + entries)
  }

  static func merge(global: TemplateNode, local: TemplateNode) -> TemplateNode {
    switch (global.value, local.value) {
    case (.map(let globalMap), .map(let localMap)):
      return TemplateNode(.map(merge(global: globalMap, local: localMap)), at: local.location)
    case (.list(let globalItems), .list(let localItems)):
      return TemplateNode(.list(globalItems + localItems), at: local.location)
    default:
      return local
    }
  }
}
