import Diagnostics
import DockerfileModel
import ShellScriptModel

/// The file the image's start command runs: `streamlit run app.py` → `app.py`, `python
/// app.py` / `python3 -u app.py` → `app.py`, read through `sh -c` (see
/// `ContainerCommandLine`), taken relative to the final WORKDIR (`/` without one). Only
/// files the command names are considered; `python -m module`, `python -c code` and
/// URLs name none.
struct StartScript {
  /// The script as written in the command (`app.py`).
  var written: String
  /// Its absolute path in the image (`/app/app.py`); nil when the script's path is
  /// relative and the final WORKDIR is not known statically (`unknownDirectory` says why).
  var imagePath: String?
  var unknownDirectory: String?
  /// The start command (CMD or ENTRYPOINT).
  var location: SourceLocation

  static func of(_ facts: ImageFacts) -> StartScript? {
    guard let start = facts.startCommand else { return nil }
    let line = ContainerCommandLine(arguments: start.arguments, environment: facts.knownEnvironment, file: start.location.file)
    guard let command = line.command, let program = line.names.last else { return nil }
    let arguments = command.resolvedArguments.map(\.literal)
    var script: String?
    if program == "streamlit" {
      guard arguments.first == "run" else { return nil }
      script = arguments.dropFirst().first { $0 == nil || !($0!.hasPrefix("-")) } ?? nil
    } else if program == "python" || program.hasPrefix("python3") || program == "python2" {
      for argument in arguments {
        guard let argument else { return nil }
        if argument == "-m" || argument == "-c" || argument.hasPrefix("-m") || argument.hasPrefix("-c") { return nil }
        if argument.hasPrefix("-") { continue }
        script = argument
        break
      }
    }
    guard let script, !script.containsText("://"), !script.isEmpty else { return nil }
    if !script.hasPrefix("/"), case .unresolved(_, let reason)? = facts.workdir?.value {
      return StartScript(written: script, imagePath: nil, unknownDirectory: reason, location: start.location)
    }
    let directory = facts.workdir?.value.resolvedValue ?? "/"
    let path = script.hasPrefix("/") ? script : (directory.hasSuffix("/") ? directory : directory + "/") + script
    return StartScript(written: script, imagePath: path, location: start.location)
  }
}
