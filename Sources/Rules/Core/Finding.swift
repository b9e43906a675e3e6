import Diagnostics
import Requirements

/// One thing a rule found: a fault (error), or a risk to a requirement (warning), with
/// where it is and, for cross-file faults, the other places involved.
public struct Finding: Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable, Codable {
    /// The requirement is not met.
    case error
    /// The requirement is met but at risk (a deploy that resets the scaled task count).
    case warning
  }

  public struct Related: Hashable, Sendable {
    public var location: SourceLocation
    public var message: String
    public init(_ message: String, at location: SourceLocation) {
      self.location = location
      self.message = message
    }
  }

  public var severity: Severity
  /// Actual versus expected: "ECSTaskSecurityGroup ingress opens 22 to 0.0.0.0/0; only 8501 from ALBSecurityGroup is allowed".
  public var message: String
  public var location: SourceLocation
  public var related: [Related]
  /// The logical path of the offending value (`Resources/TaskSG/Properties/SecurityGroupIngress/0`),
  /// which stays stable when lines move (baselines key on it).
  public var path: String?
  /// For a rule that decides several requirements: the ones this finding breaks (nil: all of them).
  public var onlyRequirements: [RequirementID]?
  /// Set by the engine: the rule and the requirements this finding breaks.
  public internal(set) var ruleID: String = ""
  public internal(set) var requirements: [RequirementID] = []
  /// Set by the engine: the config env, or nil for a finding that holds in every env.
  public internal(set) var environment: String?

  public init(_ severity: Severity, _ message: String, at location: SourceLocation, related: [Related] = [], path: String? = nil) {
    self.severity = severity
    self.message = message
    self.location = location
    self.related = related
    self.path = path
  }

  public static func error(_ message: String, at location: SourceLocation, related: [Related] = [], path: String? = nil) -> Finding {
    Finding(.error, message, at: location, related: related, path: path)
  }

  public static func warning(_ message: String, at location: SourceLocation, related: [Related] = [], path: String? = nil) -> Finding {
    Finding(.warning, message, at: location, related: related, path: path)
  }
}
extension Finding: Error {}
