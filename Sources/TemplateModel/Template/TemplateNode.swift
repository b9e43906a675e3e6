import Diagnostics

/// One value of a template as written, with where it was written.
///
/// Intrinsic functions (`!Ref`, `Fn::Sub`, ...) are kept as `.intrinsic`, never evaluated
/// here; evaluation per config env is `TemplateEvaluator`'s job.
public struct TemplateNode: Hashable, Sendable {
  public var value: TemplateValue
  /// Where the value starts, as libyaml reports it: for a non-empty mapping, its first
  /// key (in flow style and JSON too, not the `{`); for a sequence, its first item, or
  /// the `[` in flow style; for an empty mapping, its `{`.
  public var location: SourceLocation

  public init(_ value: TemplateValue, at location: SourceLocation) {
    self.value = value
    self.location = location
  }

  /// The mapping, if this node is one.
  public var map: TemplateMap? {
    if case .map(let map) = value { return map }
    return nil
  }

  /// The items, if this node is a sequence.
  public var list: [TemplateNode]? {
    if case .list(let items) = value { return items }
    return nil
  }

  /// The scalar, if this node is one.
  public var scalar: Scalar? {
    if case .scalar(let scalar) = value { return scalar }
    return nil
  }

  /// The scalar's text, if this node is a string, number or boolean scalar.
  public var text: String? { scalar?.text }

  /// The intrinsic function call, if this node is one.
  public var intrinsic: Intrinsic? {
    if case .intrinsic(let call) = value { return call }
    return nil
  }

  /// The value at `key` when this node is a mapping.
  public subscript(key: String) -> TemplateNode? { map?[key] }
}

/// A template value: a scalar, a sequence, a mapping, or an intrinsic function call.
///
/// Only `intrinsic` is stored out of line (its argument is a node): a scalar, and the
/// array behind a list or mapping, are held in place, which saves one allocation per
/// node (a 1 MB template has about 67,000).
public enum TemplateValue: Hashable, Sendable {
  case scalar(Scalar)
  case list([TemplateNode])
  case map(TemplateMap)
  indirect case intrinsic(Intrinsic)
}

/// A scalar as YAML resolved it (core schema), keeping the text as written.
///
/// CloudFormation itself treats most scalars as strings (`Port: 8501` and `Port: "8501"`
/// are the same), so rules compare through `text`, `integer` and `boolean`, which accept
/// both spellings.
public struct Scalar: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case string, integer, float, boolean, null
  }
  public var kind: Kind
  /// The scalar's text after YAML unquoting (`"8501"` gives `8501`).
  public var text: String

  public init(_ kind: Kind, _ text: String) {
    self.kind = kind
    self.text = text
  }

  public static func string(_ text: String) -> Scalar { Scalar(.string, text) }

  /// The value as an integer, for integer scalars and strings that spell one.
  /// The value as an integer, nil outside Java's 32-bit `Integer` range (-2^31 ... 2^31-1),
  /// which CloudFormation's resource schemas use for integer properties: a port or an
  /// interval of 9223372036854775807 is not a value any rule can compute with (the
  /// products and sums the rules take of two such values stay within 64 bits).
  public var integer: Int? {
    guard kind != .null, let value = Int(text.trimmingLeadingPlus), (-(1 << 31)...((1 << 31) - 1)).contains(value) else { return nil }
    return value
  }

  /// The value as a number, for numeric scalars and strings that spell one.
  public var number: Double? { kind == .null ? nil : Double(text) }

  /// The value as a boolean: YAML booleans and the strings CloudFormation accepts
  /// (`true`/`false` in any case).
  public var boolean: Bool? {
    switch text.lowercased() {
    case "true": true
    case "false": false
    default: nil
    }
  }
}

extension String {
  fileprivate var trimmingLeadingPlus: Substring { hasPrefix("+") ? dropFirst() : self[...] }
}
