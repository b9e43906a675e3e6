/// A requirement's number, `"8.2"`: group and criterion, ordered numerically (8.10
/// comes after 8.9).
public struct RequirementID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
  public let group: Int
  public let item: Int

  public init(group: Int, item: Int) {
    self.group = group
    self.item = item
  }

  /// Parses `"8.2"`; nil for anything else.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let group = Int(parts[0]), let item = Int(parts[1]), group > 0, item > 0,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
    else { return nil }
    self.init(group: group, item: item)
  }

  public init(stringLiteral value: String) {
    guard let id = RequirementID(value) else { preconditionFailure("not a requirement ID: \(value)") }
    self = id
  }

  public var description: String { "\(group).\(item)" }

  public static func < (lhs: RequirementID, rhs: RequirementID) -> Bool {
    (lhs.group, lhs.item) < (rhs.group, rhs.item)
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let id = RequirementID(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a requirement ID: \(text)"))
    }
    self = id
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
