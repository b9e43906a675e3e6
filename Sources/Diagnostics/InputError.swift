/// A fault in the checked files (or in how they were named) that stops evaluation.
///
/// Every loader throws this one type, so the command line prints exactly one line,
/// `file:line:column: error: message`, and exits with status 2. A whole-file fault
/// (empty, binary, unreadable) is located at 1:1 of that file; a fault with no file
/// at all (a usage error) has `location == nil` and prints as `error: message`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var location: SourceLocation?
  public var message: String

  public init(_ message: String, at location: SourceLocation?) {
    self.location = location
    self.message = message
  }

  /// `file:line:column: error: message` (or `error: message` without a location).
  public var description: String {
    if let location { return "\(location): error: \(message)" }
    return "error: \(message)"
  }
}
