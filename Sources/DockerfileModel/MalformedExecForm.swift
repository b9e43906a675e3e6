import Diagnostics

/// Arguments of RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD, SHELL, ADD, COPY or VOLUME that
/// begin with `[` directly followed by more text (`["streamlit" "run"]`), but are not a
/// JSON array.
///
/// BuildKit does not reject them: it reads the whole text as the shell form (`parseMaybeJSON`
/// in BuildKit's `frontend/dockerfile/parser/line_parsers.go`), so a CMD meant as
/// `["streamlit", "run", "app.py"]` runs `/bin/sh -c '["streamlit" "run", "app.py"]'`, whose
/// first word, `[streamlit` once the shell removes the quotes, names no command: the
/// program meant never starts ("Shell and exec form",
/// https://docs.docker.com/reference/dockerfile/#shell-and-exec-form). Text where `[` stands
/// alone (`[ -f app.py ] && exec streamlit run app.py`) is a shell form using the `test`
/// command, not a malformed array, and is not one of these.
///
/// Shape for `CMD ["streamlit" "run"]` on line 9: `location` 9:18 (the `"run"` where a `,`
/// or `]` was expected), `reason` "expected `,` or `]` after an element", `firstWord`
/// `["streamlit"`.
public struct MalformedExecForm: Sendable, Hashable {
  /// The instruction as written in upper case: `CMD`, `HEALTHCHECK CMD`...
  public var instruction: String
  /// Where the JSON reading stopped.
  public var location: SourceLocation
  /// Why it stopped, in words.
  public var reason: String
  /// The text up to the first blank: the shell's first word, as written.
  public var firstWord: String

  /// For a finding located at `location`, when the text runs as a shell command: "CMD
  /// begins with `[` but is not a JSON array (expected `,` or `]` after an element), so
  /// Docker runs it as the shell form: `/bin/sh -c` runs its first word, `["streamlit"`,
  /// as a command (there is none) and the program in the brackets never starts".
  public func message(shell: [String]) -> String {
    "\(instruction) begins with `[` but is not a JSON array (\(reason)), so Docker runs it as the shell form: `\(shell.joined(separator: " "))` runs its first word, `\(firstWord)`, as a command (there is none) and the program in the brackets never starts"
  }
}
