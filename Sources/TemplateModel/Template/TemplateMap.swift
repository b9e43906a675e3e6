import Diagnostics

/// A mapping of a template: keys in document order, each with its location.
///
/// Duplicate keys never get here: the loader rejects them (CloudFormation would keep
/// one silently, which hides mistakes).
public struct TemplateMap: Hashable, Sendable {
  public struct Entry: Hashable, Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: TemplateNode
  }

  public private(set) var entries: [Entry]
  private var index: [String: Int]

  public init(_ entries: [Entry]) {
    self.entries = entries
    var index: [String: Int] = [:]
    index.reserveCapacity(entries.count)
    for (offset, entry) in entries.enumerated() where index[entry.key] == nil { index[entry.key] = offset }
    self.index = index
  }

  public var keys: [String] { entries.map(\.key) }
  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  public subscript(key: String) -> TemplateNode? {
    index[key].map { entries[$0].value }
  }

  /// The entry for `key`, with the key's own location.
  public func entry(_ key: String) -> Entry? {
    index[key].map { entries[$0] }
  }

  public static func == (lhs: TemplateMap, rhs: TemplateMap) -> Bool { lhs.entries == rhs.entries }
  public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}
