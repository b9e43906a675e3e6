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
      guard let start = ByteSearch.firstOffset(of: opening, in: bytes) else { return false }
      return ByteSearch.firstOffset(of: closing, in: bytes, from: start + opening.count) != nil
    }
  }

  static let closing = Array("}}".utf8)
}
