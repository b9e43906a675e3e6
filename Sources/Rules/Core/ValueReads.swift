import Foundation
import Requirements

/// The requirement values each rule reads while it runs: which rules a value in
/// REQUIREMENTS.md feeds. Thread-safe, so a shared recorder can be passed to every rule.
public final class ValueReads: @unchecked Sendable {
  public struct Key: Hashable, Sendable {
    public var requirement: RequirementID
    public var key: String
  }

  private let lock = NSLock()
  private var readers: [Key: Set<String>] = [:]

  public init() {}

  func record(rule: String, requirement: RequirementID, key: String) {
    lock.lock()
    defer { lock.unlock() }
    readers[Key(requirement: requirement, key: key), default: []].insert(rule)
  }

  /// The rules that read `key` of `requirement`.
  public func rules(reading key: String, of requirement: RequirementID) -> Set<String> {
    lock.lock()
    defer { lock.unlock() }
    return readers[Key(requirement: requirement, key: key)] ?? []
  }
}
