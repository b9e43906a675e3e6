import Diagnostics

/// One shell option's state at a point of the script, and where it was last changed.
public struct OptionState: Sendable, Hashable {
  public var isEnabled: Bool
  /// Where the option was last set or unset (`set -e` on line 2, the shebang at 1:1);
  /// nil while it has its default.
  public var setAt: SourceLocation?
  /// False when paths the checker could not decide disagree about the option.
  public var isCertain: Bool

  public init(isEnabled: Bool, setAt: SourceLocation? = nil, isCertain: Bool = true) {
    self.isEnabled = isEnabled
    self.setAt = setAt
    self.isCertain = isCertain
  }

  public static let off = OptionState(isEnabled: false)
}
