/// CloudFormation dynamic references: `{{resolve:ssm:NAME}}`, `{{resolve:ssm-secure:NAME}}`
/// and `{{resolve:secretsmanager:...}}` inside a string are replaced, at deploy time, by a
/// value stored in Systems Manager Parameter Store or Secrets Manager. A string holding
/// one is therefore not known from the files. Reference: "Get values stored in other
/// services using dynamic references",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
enum DynamicReference {
  static let opening = Array("{{resolve:".utf8)

  /// Whether `text` holds a dynamic reference: `{{resolve:` and, after it, `}}`. A piece
  /// with only the opening (`"{{resolve:ssm:/"` joined with `!Ref Env` and `"/cpu}}"`) is
  /// not one by itself; the joined string is.
  static func occurs(in text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let start = find(opening, in: bytes, from: 0) else { return false }
      return find(closing, in: bytes, from: start + opening.count) != nil
    }
  }

  static let closing = Array("}}".utf8)

  /// The first offset at or after `from` where `pattern` occurs in `bytes`.
  private static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard bytes.count >= pattern.count else { return nil }
    var index = from
    while index <= bytes.count - pattern.count {
      if bytes[index] == pattern[0], pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) { return index }
      index += 1
    }
    return nil
  }
}
