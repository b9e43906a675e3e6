/// The string of an `Fn::Sub`, split into literal text and `${...}` variables.
///
/// `${Name}` names a parameter, resource, pseudo parameter or key of the variable map;
/// `${Resource.Attribute}` is an `Fn::GetAtt`; `${!Text}` is the literal `${Text}`.
/// A `${` without a closing `}` is literal text. Reference: "Fn::Sub", AWS CloudFormation
/// User Guide, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
public struct SubTemplate: Hashable, Sendable {
  public enum Part: Hashable, Sendable {
    case literal(String)
    case variable(String)
  }

  public var parts: [Part]

  /// Splits `text` in one pass over its UTF-8 bytes (`$`, `{`, `}` and `!` are ASCII, so
  /// every cut falls on a scalar boundary); linear in the length of `text`.
  public init(_ text: String) {
    var parts: [Part] = []
    var literal = ""
    let bytes = text.utf8
    var literalStart = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      guard bytes[index] == UInt8(ascii: "$") else {
        bytes.formIndex(after: &index)
        continue
      }
      let open = bytes.index(after: index)
      guard open < bytes.endIndex, bytes[open] == UInt8(ascii: "{") else {
        index = open
        continue
      }
      let nameStart = bytes.index(after: open)
      guard let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
      literal += text[literalStart..<index]
      let name = text[nameStart..<close]
      if name.hasPrefix("!") {
        literal += "${" + name.dropFirst() + "}"
      } else {
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(.variable(name.trimmingSpaces))
      }
      index = bytes.index(after: close)
      literalStart = index
    }
    literal += text[literalStart...]
    if !literal.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  /// The variable names (spaces around a name are ignored, as CloudFormation does), in order.
  public var variables: [String] {
    parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
  }
}

extension Substring {
  /// Without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    let isSpace = { (character: Character) in character == " " || character == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[first...last])
  }
}
