import Diagnostics
import DockerfileModel
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import ProjectModel
import ShellScriptModel
import TemplateModel

/// Where the image's app listens, read from its start command and environment.
///
/// The start command is ENTRYPOINT and CMD as Docker combines them (`StartCommand`), read
/// through `sh -c` / `bash -c` wrappers (`ContainerCommandLine`) with `$NAME` resolved
/// through the final stage's ENV, so `sh -c "streamlit run app.py --server.port=$PORT"`
/// with `ENV PORT=8501` listens on 8501. Options read from the command that finally runs:
/// port `--server.port=N` / `--server.port N` (Streamlit), `--port`, `-p`, `--bind host:N`
/// / `-b host:N` (gunicorn); address `--server.address` (Streamlit), `--host` (uvicorn,
/// flask), the host part of `--bind`. Without an option, `STREAMLIT_SERVER_PORT` or `PORT`
/// and `STREAMLIT_SERVER_ADDRESS` in ENV decide (Streamlit reads `STREAMLIT_*` variables;
/// a command-line flag wins: https://docs.streamlit.io/develop/concepts/configuration/options).
struct AppListenPort {
  struct Found {
    var port: Int
    var how: String
    var location: Diagnostics.SourceLocation
  }

  /// A listen address: the bind host, and whether only the container itself can reach it.
  struct Address {
    var address: String
    var how: String
    var location: Diagnostics.SourceLocation

    /// `127.0.0.0/8`, `localhost` and `::1` accept connections from inside the container
    /// only: the load balancer's requests to the task's IP are refused.
    /// Every spelling the resolver accepts: `inet_aton`'s (`127.1`, octal `0177.0.0.1`, hex
    /// `0x7f.1`, the number `2130706433`, which Python's `getaddrinfo` passes to it) and
    /// IPv6's `::1` and `::ffff:127.0.0.1` (inet_pton).
    var isLoopback: Bool {
      let host = address.lowercased().trimmingBrackets
      if host == "localhost" || host == "ip6-localhost" { return true }
      var v4 = in_addr()
      if inet_aton(host, &v4) != 0 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
      var v6 = in6_addr()
      guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
      let bytes = withUnsafeBytes(of: v6) { Array($0) }
      let loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
      let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
      return loopback || mapped
    }
  }

  /// The port the app listens on, when known.
  var port: Found?
  /// Why the port is not read from the start command: not known statically (`expanded`
  /// false), or certainly not a port the app listens on (`expanded` true: a variable the
  /// program receives unexpanded, a value that is not a number, or a CMD that is not the
  /// JSON array it looks like, so the app never starts).
  var problem: (message: String, expanded: Bool, location: Diagnostics.SourceLocation)?
  /// The address the app binds to, when given.
  var address: Address?
  /// The program the start command finally runs (`streamlit`, `python`), when known.
  var program: String?
  /// True when the start command is an empty argv (`CMD []` without ENTRYPOINT): Docker
  /// refuses to start the container ("no command specified").
  var startsNothing = false

  /// Whether the start command runs Streamlit (`streamlit ...` or `python -m streamlit
  /// ...`); nil when the program is not known.
  var runsStreamlit: Bool? { program.map { $0 == "streamlit" || $0 == "python -m streamlit" } }

  /// The port the image's app listens on, when it is known.
  static func of(_ facts: ImageFacts) -> Found? { AppListenPort(facts).port }

  /// How the start command reaches the app, for messages (` run by `sh -c` ...`).
  private var inside = ""

  static let portFlags = ["--server.port", "--port", "-p"]
  static let addressFlags = ["--server.address", "--host"]
  static let bindFlags = ["--bind", "-b"]

  init(_ facts: ImageFacts) { self.init(facts, container: nil, project: nil) }

  /// The app of a container the task definition starts from the image (`container`:
  /// its Command, EntryPoint, Environment and WorkingDirectory replace the image's; see
  /// `ContainerLaunch`), reading Streamlit's `.streamlit/config.toml` in the working
  /// directory from the build context when `project` is given.
  init(_ facts: ImageFacts, container: ContainerDefinition?, project: Project?) {
    let launch = ContainerLaunch(facts, container: container)
    if let unknown = launch.unknownOverride, let location = launch.location {
      problem = (unknown, false, location)
      return
    }
    if let malformed = launch.malformedExecForm {
      // The shell's first word names no command: no app starts, so no port option,
      // variable or config file decides anything.
      problem = (malformed.message(shell: facts.runtimeShell), true, malformed.location)
      return
    }
    var scriptArgument: String?
    startsNothing = launch.arguments?.isEmpty == true
    if let arguments = launch.arguments, let location = launch.location {
      let line = ContainerCommandLine(arguments: arguments, environment: launch.environment, file: location.file)
      if let command = line.command {
        let shells = line.names.dropLast()
        inside = launch.origin + (shells.isEmpty ? "" : " run by `\(shells.joined(separator: " -c` → `")) -c`\(container == nil ? " with the image's ENV" : "")")
        program = line.names.last
        var arguments = command.resolvedArguments.map(\.literal)
        if program?.hasPrefix("python") == true, arguments.starts(with: ["-m", "streamlit"]) {
          program = "python -m streamlit"
          arguments.removeFirst(2)
        }
        if runsStreamlit == true, arguments.first == "run", arguments.count > 1, let script = arguments[1], !script.hasPrefix("-") {
          scriptArgument = script
        }
        read(command, at: location)
      }
    }
    let environment = facts.environment
    if port == nil && problem == nil {
      // STREAMLIT_* variables matter to Streamlit only; PORT to many servers, not to
      // Streamlit (it reads STREAMLIT_<SECTION>_<OPTION> variables alone:
      // https://docs.streamlit.io/develop/concepts/configuration/options).
      let names = switch runsStreamlit {
      case true?: ["STREAMLIT_SERVER_PORT"]
      case false?: ["PORT"]
      case nil: ["STREAMLIT_SERVER_PORT", "PORT"]
      }
      for name in names {
        if let value = launch.taskEnvironment[name], let number = Int(value.value) {
          port = Found(port: number, how: "\(name)=\(number) in the task definition's Environment", location: value.location)
          break
        }
        if launch.taskEnvironment[name] == nil, let value = environment[name], let number = value.value.resolvedValue.flatMap({ Int($0) }) {
          port = Found(port: number, how: "ENV \(name)=\(number)", location: value.location)
          break
        }
      }
    }
    if address == nil, runsStreamlit != false, let value = launch.taskEnvironment["STREAMLIT_SERVER_ADDRESS"], !value.value.isEmpty {
      address = Address(address: value.value, how: "STREAMLIT_SERVER_ADDRESS=\(value.value) in the task definition's Environment", location: value.location)
    }
    if address == nil, runsStreamlit != false, launch.taskEnvironment["STREAMLIT_SERVER_ADDRESS"] == nil, let value = environment["STREAMLIT_SERVER_ADDRESS"], let text = value.value.resolvedValue, !text.isEmpty {
      address = Address(address: text, how: "ENV STREAMLIT_SERVER_ADDRESS=\(text)", location: value.location)
    }
    if runsStreamlit == true, let project, port == nil && problem == nil || address == nil {
      readStreamlitConfig(facts, launch: launch, script: scriptArgument, project: project)
    }
  }

  /// Streamlit's config files are read when neither a flag nor a variable sets the value:
  /// the script-level `.streamlit/config.toml` beside the file `streamlit run` runs wins
  /// over the per-project one in the working directory (precedence, lowest first: global
  /// `~/.streamlit/config.toml`, working directory, script folder, `STREAMLIT_*`
  /// variable, command-line flag: https://docs.streamlit.io/develop/concepts/configuration/options).
  /// The global file in the user's home is not read. The working directory is the task's
  /// `WorkingDirectory`, else the image's last `WORKDIR`, else `/`; when that `WORKDIR` is
  /// not known statically (a value past the expansion bounds or PATH_MAX), the files that
  /// could set the port cannot be found, and the port is undecided.
  private mutating func readStreamlitConfig(_ facts: ImageFacts, launch: ContainerLaunch, script: String?, project: Project) {
    let directory: String? = launch.workingDirectory?.value ?? (facts.workdir.map { $0.value.resolvedValue } ?? "/")
    var folders: [String] = []
    if let script, !script.containsText("://"), let path = script.hasPrefix("/") ? script : directory.map({ $0 + "/" + script }) {
      if let slash = path.lastIndex(of: "/") { folders.append(String(path[..<slash])) }
    }
    if let directory, !folders.contains(directory) { folders.append(directory) }
    defer {
      if directory == nil, port == nil, problem == nil, let workdir = facts.workdir {
        problem = ("the image's working directory (WORKDIR at line \(workdir.location.line)) is not known statically, so the Streamlit config file there, which can set the port, is not read", false, workdir.location)
      }
    }
    // Highest precedence first: a value a file sets is kept; a later file only fills the rest.
    for folder in folders {
      let origin = project.imageFile(folder + "/.streamlit/config.toml")
      // A step may put one there whose content the files cannot tell (a glob, a RUN that
      // names it, a COPY from a stage): what it sets is not known. (A base image whose
      // files are unknown is taken to bring none.)
      if case .unknown(let reason)? = origin, reason != ImageFileOrigin.unknownBaseImage {
        if port == nil && problem == nil {
          problem = ("Streamlit's config file \(folder)/.streamlit/config.toml may be in the image (\(reason)), so the port it may set is not known", false, launch.location ?? .start(of: project.dockerfile?.file ?? "Dockerfile"))
        }
        continue
      }
      guard case .context(let path, _)? = origin else { continue }
      guard let source = project.contextFileText(path) else {
        // In the image but not readable here (not UTF-8 text, past the size bound, a
        // directory): what it sets is not known. A dangling link is no file to Streamlit.
        if port == nil && problem == nil, project.contextFileLink(path) == nil {
          problem = ("Streamlit's config file \(folder)/.streamlit/config.toml in the image (\(path) in the build context) cannot be read as text, so the port it may set is not known", false, launch.location ?? .start(of: path))
        }
        continue
      }
      read(config: source, in: folder)
    }
  }

  private mutating func read(config source: SourceText, in directory: String) {
    let document: TOMLDocument
    do {
      document = try TOMLDocument.parse(source)
    } catch {
      if port == nil && problem == nil {
        problem = ("Streamlit's config file \(source.file) (\(directory)/.streamlit/config.toml in the image) cannot be read (\(error.message)), so the port it sets is not known", false, error.location ?? .start(of: source.file))
      }
      return
    }
    if port == nil && problem == nil, let value = document[["server", "port"]] {
      switch value.value {
      case .integer(let number): port = Found(port: number, how: "port = \(number) in [server] of \(source.file), Streamlit's config file for \(directory)", location: value.location)
      default: problem = ("\(source.file) sets [server] port to something that is not a port number", true, value.location)
      }
    }
    if address == nil, let value = document[["server", "address"]], case .string(let text) = value.value, !text.isEmpty {
      address = Address(address: text, how: "address = \"\(text)\" in [server] of \(source.file)", location: value.location)
    }
  }

  private mutating func read(_ command: CommandInvocation, at location: Diagnostics.SourceLocation) {
    // A repeated option: the last occurrence wins (Click, argparse and gunicorn keep it).
    for flag in Self.portFlags {
      guard let argument = command.values(ofFlag: flag).last else { continue }
      let written = Self.display(argument)
      guard let text = argument.literal else {
        problem = ("the start command's \(flag) `\(written)` is not known statically (\(argument.value) is not set by the image's ENV)", false, location)
        return
      }
      guard let number = Int(text) else {
        problem = text.containsText("$")
          ? ("the start command passes \(flag) `\(text)` unexpanded: the exec form (and single quotes) do not expand variables, so the app receives the text `\(text)` and cannot start; use `sh -c` or write the number", true, location)
          : ("the start command's \(flag) `\(text)` is not a port number", true, location)
        return
      }
      port = Found(port: number, how: "\(flag) \(written) in the start command\(inside)\(Self.resolution(argument, text))", location: location)
      break
    }
    for flag in Self.bindFlags {
      guard let argument = command.values(ofFlag: flag).last, let text = argument.literal else { continue }
      let host = text.split(separator: ":", omittingEmptySubsequences: false).dropLast().joined(separator: ":")
      if port == nil, let number = text.split(separator: ":").last.flatMap({ Int($0) }) {
        port = Found(port: number, how: "\(flag) \(Self.display(argument)) in the start command\(inside)\(Self.resolution(argument, text))", location: location)
      }
      if !host.isEmpty {
        address = Address(address: host, how: "\(flag) \(Self.display(argument)) in the start command\(inside)", location: location)
      }
    }
    for flag in Self.addressFlags {
      guard let argument = command.values(ofFlag: flag).last, let text = argument.literal else { continue }
      address = Address(address: text, how: "\(flag) \(Self.display(argument)) in the start command\(inside)\(Self.resolution(argument, text))", location: location)
      break
    }
  }

  /// The argument as written, without the quotes `ContainerCommandLine` adds to exec-form words.
  private static func display(_ argument: Argument) -> String {
    var text = unquoted(argument.word.text)
    if text.hasPrefix("-"), let equals = text.firstIndex(of: "=") { text = unquoted(String(text[text.index(after: equals)...])) }
    return text
  }

  private static func unquoted(_ text: String) -> String {
    guard text.count >= 2, text.hasPrefix("'") && text.hasSuffix("'") || text.hasPrefix("\"") && text.hasSuffix("\"") else { return text }
    return String(text.dropFirst().dropLast())
  }

  /// ` (= 8501)` when a variable gave the value.
  private static func resolution(_ argument: Argument, _ value: String) -> String {
    display(argument).containsText("$") ? " (= \(value))" : ""
  }
}

extension String {
  /// `[::1]` → `::1`.
  fileprivate var trimmingBrackets: String {
    hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
  }
}
