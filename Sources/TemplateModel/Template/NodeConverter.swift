import Diagnostics
import Yams

/// Converts a composed Yams node tree into `TemplateNode`s: resolves plain scalars,
/// turns short-form tags and single-key `Fn::`/`Ref` mappings into `.intrinsic`, checks
/// mapping keys, counts nodes so that alias expansion stays bounded, and bounds nesting.
///
/// Nesting is counted in levels: the top-level mapping is level 1, each mapping or list
/// adds one level to its values or items, and a short-form tag (`!Sub`, `!If`, ...) adds
/// one more (a long-form `{"Fn::If": ...}` is a mapping, one level). Everything that
/// reads a template afterwards (validation, evaluation per env, the rules) recurses
/// along this nesting, so bounding it here bounds every recursion: see `maximumNesting`.
struct NodeConverter {
  let file: String
  private(set) var nodeCount = 0
  /// Where each `Fn::ForEach::` key is written (the transform that defines them must be
  /// declared: `Template` checks it).
  private(set) var forEachKeys: [SourceLocation] = []

  /// The deepest nesting accepted: 128 levels of mappings, lists and intrinsic functions.
  /// Real templates stay under 20 (this repository's: 11; a container definition's
  /// health check inside a task definition is 9); libyaml itself stops at 1,000, which
  /// is deep enough for the recursive evaluation of 200 nested `Fn::If` to overflow
  /// the stack of a debug build. Deeper input is one located `InputError`
  /// ("nesting deeper than 128 levels").
  static let maximumNesting = 128

  init(file: String) { self.file = file }

  /// Converts `node`, which sits at nesting level `depth` (the document's root: 1).
  mutating func convert(_ node: Node, depth: Int = 1) throws(InputError) -> TemplateNode {
    nodeCount += 1
    guard nodeCount <= TemplateDocument.maximumNodeCount else {
      throw InputError("the template expands to more than \(TemplateDocument.maximumNodeCount) nodes (YAML aliases?); refusing to read it", at: location(node.mark))
    }
    var at = location(node.mark)
    let level = depth + (Self.isTagged(node) ? 1 : 0)
    guard level <= Self.maximumNesting else {
      throw InputError("the template has nesting deeper than \(Self.maximumNesting) levels of mappings, lists and intrinsic functions; refusing to read it", at: at)
    }
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
      for item in sequence { items.append(try convert(item, depth: level + 1)) }
      return try tagged(TemplateNode(.list(items), at: at), tag: sequence.tag.description, at: at)
    case .mapping(let mapping):
      var entries: [TemplateMap.Entry] = []
      entries.reserveCapacity(mapping.count)
      for (key, value) in mapping {
        let keyText = try keyString(key)
        nodeCount += 1
        var converted = try convert(value, depth: level + 1)
        if keyText.hasPrefix("Fn::ForEach::") {
          converted = try ForEachLoop.validate(converted, name: keyText, at: location(key.mark))
          forEachKeys.append(location(key.mark))
        }
        entries.append(TemplateMap.Entry(key: keyText, keyLocation: location(key.mark), value: converted))
      }
      // A flow or JSON mapping starts at its `{`, often the line before its first key;
      // what a finding about the mapping points at is its first key.
      if let first = entries.first { at = first.keyLocation }
      let map = TemplateMap(entries)
      let node = TemplateNode(.map(map), at: at)
      // A long-form call may itself be a short form's argument (`!GetAZs {Ref: AWS::Region}`).
      if let call = Self.longFormIntrinsic(map) { return try tagged(TemplateNode(.intrinsic(call), at: at), tag: mapping.tag.description, at: at) }
      return try tagged(node, tag: mapping.tag.description, at: at)
    }
  }

  /// Whether `node` carries a short-form intrinsic tag (`!Ref`, `!Sub`, ...).
  private static func isTagged(_ node: Node) -> Bool {
    let tag: String
    switch node {
    case .scalar(let scalar): tag = scalar.tag.description
    case .sequence(let sequence): tag = sequence.tag.description
    case .mapping(let mapping): tag = mapping.tag.description
    case .alias: return false
    }
    return tag.hasPrefix("!") && tag != "!"
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
      let suggestion = NameSuggestion.closest(to: tag, among: IntrinsicFunction.allCases.compactMap(\.shortTag))
      throw InputError("unknown tag \(tag)\(suggestion.map { " (did you mean \($0)?)" } ?? "; CloudFormation's short forms are \(Self.knownTags)")", at: at)
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
    let kind = PlainScalarKind.resolve(text)
    return Scalar(kind, PlainScalarKind.canonicalText(text, kind: kind))
  }
}

extension Node {
  fileprivate var isMapping: Bool { if case .mapping = self { true } else { false } }
}
