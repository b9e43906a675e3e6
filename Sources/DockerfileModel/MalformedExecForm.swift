import Diagnostics

/// Arguments of RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD, SHELL, ADD, COPY or VOLUME that
/// begin with `[` but are not a JSON array.
///
/// BuildKit does not reject them: it reads the whole text as the shell form (`parseMaybeJSON`
/// in BuildKit's `frontend/dockerfile/parser/line_parsers.go`), so a CMD meant as
/// `["streamlit", "run", "app.py"]` runs `/bin/sh -c '["streamlit" "run", "app.py"]'`, where
/// the shell looks for a command named `[` (the `test` builtin, which fails) and the program
/// meant never starts ("Shell and exec form",
/// https://docs.docker.com/reference/dockerfile/#shell-and-exec-form).
///
/// Shape for `CMD ["streamlit" "run"]` on line 9: `location` 9:17 (the `"run"` where a `,`
/// or `]` was expected), `reason` "expected `,` or `]` after an element".
public struct MalformedExecForm: Sendable, Hashable {
  /// The instruction as written in upper case: `CMD`, `HEALTHCHECK`...
  public var instruction: String
  /// Where the JSON reading stopped.
  public var location: SourceLocation
  /// Why it stopped, in words.
  public var reason: String

  public init(instruction: String, location: SourceLocation, reason: String) {
    self.instruction = instruction
    self.location = location
    self.reason = reason
  }

  /// For a finding located at `location`: "CMD begins with `[` but is not a JSON array
  /// (expected `,` or `]` after an element), so Docker runs it as the shell form:
  /// `/bin/sh -c` looks for a command named `[` and the program in the brackets never
  /// starts".
  public func message(shell: [String]) -> String {
    "\(instruction) begins with `[` but is not a JSON array (\(reason)), so Docker runs it as the shell form: `\(shell.joined(separator: " "))` looks for a command named `[` and the program in the brackets never starts"
  }
}
