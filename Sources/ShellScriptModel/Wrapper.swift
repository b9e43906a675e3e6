/// A command that runs another command (`timeout 900 aws ...`, `sudo`, `env X=1`,
/// `nohup`, `command`, `exec`, `nice`, `time`): its name and its own arguments.
public struct Wrapper: Sendable, Hashable {
  public var name: Argument
  /// The wrapper's options and operands before the wrapped command (`["900"]` for timeout).
  public var arguments: [Argument]

  public init(name: Argument, arguments: [Argument]) {
    self.name = name
    self.arguments = arguments
  }
}
