import Diagnostics
import Yams

/// Converts a composed Yams node tree into `TemplateNode`s: resolves plain scalars,
/// turns short-form tags and single-key `Fn::`/`Ref` mappings into `.intrinsic`, checks
/// mapping keys, and counts nodes so that alias expansion stays bounded.
struct NodeConverter {
  let file: String
  private(set) var nodeCount = 0

  init(file: String) { self.file = file }

  mutating func convert(_ node: Node) throws(InputError) -> TemplateNode {
    nodeCount += 1
    guard nodeCount <= TemplateDocument.maximumNodeCount else {
      throw InputError("the template expands to more than \(TemplateDocument.maximumNodeCount) nodes (YAML aliases?); refusing to read it", at: location(node.mark))
    }
    let at = location(node.mark)
    switch node {
    case .alias(let alias):
      throw InputError("unresolved YAML alias *\(alias.anchor.rawValue)", at: location(alias.mark))
    case .scalar(let scalar):
      let tag = scalar.tag.description
      let plain = TemplateNode(.scalar(Self.scalar(scalar, tag: tag)), at: at)
      return try tagged(plain, tag: tag, at: at)
    case .sequence(let sequence):
      var items: [TemplateNode] = []
      items.reserveCapacity(sequence.count)
      for item in sequence { items.append(try convert(item)) }
      return try tagged(TemplateNode(.list(items), at: at), tag: sequence.tag.description, at: at)
    case .mapping(let mapping):
      var entries: [TemplateMap.Entry] = []
      entries.reserveCapacity(mapping.count)
      for (key, value) in mapping {
        let keyText = try keyString(key)
        nodeCount += 1
        var converted = try convert(value)
        if keyText.hasPrefix("Fn::ForEach::") {
          converted = try ForEachLoop.validate(converted, name: keyText, at: location(key.mark))
        }
        entries.append(TemplateMap.Entry(key: keyText, keyLocation: location(key.mark), value: converted))
      }
      let map = TemplateMap(entries)
      let node = TemplateNode(.map(map), at: at)
      if let call = Self.longFormIntrinsic(map) { return TemplateNode(.intrinsic(call), at: at) }
      return try tagged(node, tag: mapping.tag.description, at: at)
    }
  }

  private func keyString(_ key: Node) throws(InputError) -> String {
    guard case .scalar(let scalar) = key else {
      throw InputError("a mapping key must be a plain scalar, not a \(key.isMapping ? "mapping" : "sequence")", at: location(key.mark))
    }
    let tag = scalar.tag.description
    guard tag.isEmpty || tag.hasPrefix("tag:yaml.org,2002:") || tag == "!" else {
      throw InputError("a mapping key must be a plain scalar, not a \(tag) call", at: location(key.mark))
    }
    return scalar.string
  }

  private func tagged(_ node: TemplateNode, tag: String, at: SourceLocation) throws(InputError) -> TemplateNode {
    guard tag.hasPrefix("!"), tag != "!" else { return node }
    guard let function = IntrinsicFunction(shortTag: tag) else {
      throw InputError("unknown tag \(tag); CloudFormation's short forms are \(Self.knownTags)", at: at)
    }
    return TemplateNode(.intrinsic(Intrinsic(function, node, at: at)), at: at)
  }

  private static let knownTags = IntrinsicFunction.allCases.compactMap(\.shortTag).joined(separator: ", ")

  /// `{Ref: X}`, `{"Fn::Sub": ...}`, `{Condition: Name}`: a mapping of one key naming an
  /// intrinsic function. `Condition` counts only with a string value (a resource's
  /// `Condition` attribute sits beside `Type`, so it is never a single key).
  static func longFormIntrinsic(_ map: TemplateMap) -> Intrinsic? {
    guard map.count == 1, let entry = map.entries.first,
      let function = IntrinsicFunction(rawValue: entry.key)
    else { return nil }
    if function == .condition, entry.value.scalar?.kind != .string { return nil }
    return Intrinsic(function, entry.value, at: entry.keyLocation)
  }

  private func location(_ mark: Mark?) -> SourceLocation {
    guard let mark else { return .start(of: file) }
    return YAMLErrorTranslation.location(mark, file)
  }

  /// YAML 1.1 core-schema resolution of a scalar, as CloudFormation's YAML reader does it;
  /// quoted or explicitly `!!str` scalars are strings.
  static func scalar(_ scalar: Node.Scalar, tag: String) -> Scalar {
    let text = scalar.string
    switch tag {
    case "tag:yaml.org,2002:str", "!": return Scalar(.string, text)
    case "tag:yaml.org,2002:int": return Scalar(.integer, text)
    case "tag:yaml.org,2002:float": return Scalar(.float, text)
    case "tag:yaml.org,2002:bool": return Scalar(.boolean, text)
    case "tag:yaml.org,2002:null": return Scalar(.null, text)
    case "": break
    default: return Scalar(.string, text)
    }
    guard scalar.style == .plain || scalar.style == .any else { return Scalar(.string, text) }
    return Scalar(PlainScalarKind.resolve(text), text)
  }
}

extension Node {
  fileprivate var isMapping: Bool { if case .mapping = self { true } else { false } }
}
