import Diagnostics

/// Why a fact about the image holds: a sentence, and the instruction it comes from.
public struct Evidence: Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public var location: SourceLocation?

  public init(_ reason: String, at location: SourceLocation? = nil) {
    self.reason = reason
    self.location = location
  }

  public var description: String { reason }
}
