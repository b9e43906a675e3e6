/// Renders a fully known evaluated value as compact JSON (`Fn::ToJsonString`, and
/// reading policy documents written as JSON strings); nil if any part is unresolved.
enum JSONText {
  static func render(_ node: EvaluatedNode) -> String? {
    switch node.value {
    case .scalar(let scalar):
      switch scalar.kind {
      case .null: return "null"
      case .boolean: return scalar.boolean.map { $0 ? "true" : "false" } ?? quote(scalar.text)
      case .integer, .float: return scalar.number != nil ? scalar.text : quote(scalar.text)
      case .string: return quote(scalar.text)
      }
    case .list(let items):
      var parts: [String] = []
      for item in items {
        guard let text = render(item) else { return nil }
        parts.append(text)
      }
      return "[" + parts.joined(separator: ",") + "]"
    case .map(let map):
      var parts: [String] = []
      for entry in map.entries {
        guard let text = render(entry.value) else { return nil }
        parts.append(quote(entry.key) + ":" + text)
      }
      return "{" + parts.joined(separator: ",") + "}"
    case .unresolved:
      return nil
    }
  }

  static func quote(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case let c where c.value < 0x20: output += "\\u" + String(c.value, radix: 16).leftPadded(to: 4)
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
