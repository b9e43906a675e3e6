import Diagnostics

/// `coproc [NAME] command` (Bash Reference Manual, 3.2.6 "Coprocesses"): the command runs
/// asynchronously in a subshell, with a two-way pipe to the shell, which sets the array
/// NAME (default `COPROC`) to the pipe's file descriptors and `NAME_PID` to its process ID.
///
/// Bash reads a NAME only before a compound command; otherwise the words after `coproc`
/// are a simple command (bash 5.2: `coproc NAME echo hi` runs a command named `NAME`).
/// Shapes: `coproc cat` → `Coprocess(name: nil, command: <simple command cat>)`;
/// `coproc READER { read -r l; }` → `Coprocess(name: <word READER>, command: <brace group>)`.
public struct Coprocess: Sendable, Hashable {
  /// The NAME word as written; nil for the default `COPROC`.
  public var name: Word?
  public var command: Statement

  public init(name: Word?, command: Statement) {
    self.name = name
    self.command = command
  }
}
