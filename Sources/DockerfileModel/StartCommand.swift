import Diagnostics

/// The command line a container started from the image runs: ENTRYPOINT and CMD combined
/// as Docker combines them, shell forms already wrapped in the shell.
///
/// Rules ("Understand how CMD and ENTRYPOINT interact",
/// https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact):
/// a shell form `X` is stored as the SHELL in effect at its line plus `X` (default
/// `["/bin/sh", "-c", X]`); an exec-form ENTRYPOINT gets CMD's arguments appended; a
/// shell-form ENTRYPOINT ignores CMD; without ENTRYPOINT, CMD alone runs. Exec forms are
/// not expanded: `$PORT` in `["streamlit", "--server.port=$PORT"]` reaches the program as
/// the text `$PORT` ("Exec form", https://docs.docker.com/reference/dockerfile/#exec-form).
///
/// Shape for `CMD streamlit run app.py --server.port=$PORT`:
/// `arguments == ["/bin/sh", "-c", "streamlit run app.py --server.port=$PORT"]`,
/// `location` at the CMD line.
public struct StartCommand: Sendable, Hashable {
  /// The argv the container runtime executes.
  public var arguments: [String]
  /// The ENTRYPOINT and CMD that contributed (nil when absent or ignored).
  public var entrypoint: SourceLocation?
  public var cmd: SourceLocation?
  /// Set when the ENTRYPOINT or CMD that runs as a shell command (a shell-form ENTRYPOINT,
  /// or a CMD without ENTRYPOINT) is a `MalformedExecForm`: `arguments` start a shell
  /// whose first word names no command, not the program.
  public var malformedExecForm: MalformedExecForm?

  /// The CMD when it contributes, else the ENTRYPOINT.
  public var location: SourceLocation { cmd ?? entrypoint ?? .start(of: "") }

  public init(arguments: [String], entrypoint: SourceLocation?, cmd: SourceLocation?, malformedExecForm: MalformedExecForm? = nil) {
    self.arguments = arguments
    self.entrypoint = entrypoint
    self.cmd = cmd
    self.malformedExecForm = malformedExecForm
  }

  /// The argv of one CMD or ENTRYPOINT: the exec array, or `shell` plus the text.
  public static func arguments(of form: CommandForm, shell: [String]) -> [String] {
    switch form {
    case .exec(let arguments): arguments
    case .shell(let text): shell + [text]
    }
  }

  /// The shell of shell-form instructions without a SHELL instruction (Linux).
  public static let defaultShell = ["/bin/sh", "-c"]
}
