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
  /// The offset of each key, for mappings of more than `indexedCount` keys; smaller ones
  /// (most of a template: `Properties`, tags, intrinsic arguments) are searched in order,
  /// which is as fast for a few keys and saves a hash table per mapping.
  private var index: [String: Int]?

  /// How many keys a mapping needs before it gets an index.
  static let indexedCount = 8

  public init(_ entries: [Entry]) {
    self.entries = entries
    guard entries.count > Self.indexedCount else { return }
    var index: [String: Int] = [:]
    index.reserveCapacity(entries.count)
    for (offset, entry) in entries.enumerated() where index[entry.key] == nil { index[entry.key] = offset }
    self.index = index
  }

  /// The offset of the first entry for `key`.
  private func offset(of key: String) -> Int? {
    if let index { return index[key] }
    return entries.firstIndex { $0.key == key }
  }

  public var keys: [String] { entries.map(\.key) }
  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  public subscript(key: String) -> TemplateNode? {
    offset(of: key).map { entries[$0].value }
  }

  /// The entry for `key`, with the key's own location.
  public func entry(_ key: String) -> Entry? {
    offset(of: key).map { entries[$0] }
  }

  public static func == (lhs: TemplateMap, rhs: TemplateMap) -> Bool { lhs.entries == rhs.entries }
  public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}
