import Diagnostics

/// The `#!` line that names the script's interpreter.
///
/// Shapes: `#!/usr/bin/env bash` → interpreter `/usr/bin/env`, program `bash`, options `[]`;
/// `#!/bin/bash -e` → program `bash`, options `["-e"]`; `#!/usr/bin/env -S bash -eu` →
/// program `bash`, options `["-eu"]`. Options are read as `set` would read them (Bash
/// Reference Manual, 6.1 "Invoking Bash": the single-character options of `set` are
/// accepted on the command line). Note that Linux passes everything after the interpreter
/// path as one argument, so `#!/usr/bin/env bash -e` only works where env splits it
/// (`env -S`, or macOS); `passesOptionsThroughEnvWithoutSplit` reports that case.
public struct Shebang: Sendable, Hashable {
  /// The text after `#!`, trimmed.
  public var line: String
  /// The interpreter path, e.g. `/usr/bin/env` or `/bin/bash`.
  public var interpreter: String
  /// The words after the interpreter path.
  public var arguments: [String]
  /// The shell that runs the script: `bash`, `sh`, `zsh` ...
  public var program: String
  /// The options given to that shell, e.g. `["-e"]`, `["-eu"]`, `["-o", "errexit"]`.
  public var options: [String]
  public var location: SourceLocation

  /// Reads the first line of a script; nil when it does not start with `#!`.
  init?(firstLine: String, file: String) {
    guard firstLine.hasPrefix("#!") else { return nil }
    let line = String(firstLine.dropFirst(2)).trimmingBlanks()
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let interpreter = words.first else { return nil }
    self.line = line
    self.interpreter = interpreter
    self.arguments = Array(words.dropFirst())
    self.location = .start(of: file)
    let base = interpreter.split(separator: "/").last.map(String.init) ?? interpreter
    if base == "env" {
      var rest = arguments[...]
      while let first = rest.first, first.hasPrefix("-") || first.contains("=") {
        rest = rest.dropFirst()
        if first == "-u", !rest.isEmpty { rest = rest.dropFirst() }
      }
      program = rest.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
      options = Array(rest.dropFirst())
    } else {
      program = base
      options = arguments
    }
  }

  /// True for bash (directly or through env).
  public var isBash: Bool { program == "bash" }

  /// True for POSIX sh: `sh` (dash on Debian and Ubuntu, bash in POSIX mode on macOS) or
  /// `dash`, directly or through env.
  public var isPOSIXShell: Bool { program == "sh" || program == "dash" }

  /// True when env receives the program and its options as one unsplit argument on Linux
  /// (`#!/usr/bin/env bash -e` without `-S`), which fails there.
  public var passesOptionsThroughEnvWithoutSplit: Bool {
    interpreter.hasSuffix("/env") && !options.isEmpty && !arguments.contains { $0 == "-S" || $0.hasPrefix("-S") }
  }
}
