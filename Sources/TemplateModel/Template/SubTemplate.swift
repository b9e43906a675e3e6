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

  public init(_ text: String) {
    var parts: [Part] = []
    var literal = ""
    var rest = text[...]
    while let start = rest.firstRange(of: "${") {
      literal += rest[..<start.lowerBound]
      let afterOpen = rest[start.upperBound...]
      guard let close = afterOpen.firstIndex(of: "}") else {
        literal += rest[start.lowerBound...]
        rest = ""
        break
      }
      let name = afterOpen[..<close]
      if name.hasPrefix("!") {
        literal += "${" + name.dropFirst() + "}"
      } else {
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(.variable(name.trimmingSpaces))
      }
      rest = afterOpen[afterOpen.index(after: close)...]
    }
    literal += rest
    if !literal.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  /// The variable names (spaces around a name are ignored, as CloudFormation does), in order.
  public var variables: [String] {
    parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
  }
}

extension Substring {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
  }
}
