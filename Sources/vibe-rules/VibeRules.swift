import ArgumentParser
import Diagnostics
import Rules


/// vibe-rules: requirement-traceable compliance checks for SAM + ECS Fargate + Dockerfile
/// repositories.
///
/// Exit codes everywhere: 0 nothing fails, 1 a requirement fails, 2 input or usage error.
@main
struct VibeRules: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "vibe-rules",
    abstract: "Check a SAM + ECS Fargate + Dockerfile repository against its numbered requirements.",
    discussion: "Exit status: 0 when no requirement fails, 1 when one fails, 2 for an input or usage error.",
    version: version,
    subcommands: [Report.self, Check.self, ListRules.self, Explain.self, Cost.self, Probe.self, Baseline.self, Graph.self, Debug.self],
    defaultSubcommand: Report.self)

  /// Runs the command (the executable's writable data faulted in first, `WritableData`),
  /// mapping every outcome to exit status 0, 1 or 2: an `InputError`
  /// prints one `file:line:column: error:` line; a usage error prints ArgumentParser's
  /// message; nothing else escapes as a crash.
  static func main() {
    WritableData.prefault()
    let arguments = Array(CommandLine.arguments.dropFirst())
    LargeInput.limitMallocArenas()
    CommandLineGuess.readAhead(arguments)
    StaticTables.prepareInBackground()
    do {
      var command = try parse(arguments)
      try command.run()
      terminate(0)
    } catch let error as InputError {
      Diagnostic.print(error, root: Diagnostic.inputRoot)
      terminate(2)
    } catch let code as ExitCode {
      terminate(code.rawValue)
    } catch {
      let status = exitCode(for: error)
      let full = fullMessage(for: error)
      if status == .success {
        print(full)
        terminate(0)
      }
      // One line: the problem and where to read more (ArgumentParser's full message adds
      // the usage, which `--help` shows).
      let short = message(for: error).split(separator: "\n").first.map(String.init) ?? full
      Diagnostic.printLine("error: \(short.hasPrefix("Error: ") ? String(short.dropFirst(7)) : short)\(subcommandHint(arguments)) (see \(helpCommand(arguments)) --help)")
      terminate(2)
    }
  }

  /// The command whose `--help` explains a usage error in `arguments`: `vibe-rules`
  /// followed by the subcommand names the arguments start with (`vibe-rules baseline
  /// check` for `baseline check --bogus`), `vibe-rules` alone when they start with none.
  static func helpCommand(_ arguments: [String]) -> String {
    var words = [configuration.commandName ?? "vibe-rules"]
    var command: ParsableCommand.Type = VibeRules.self
    for argument in arguments {
      guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == argument }) else { break }
      words.append(argument)
      command = next
    }
    return words.joined(separator: " ")
  }

  /// "; did you mean `report`?" when the first argument is no subcommand but within two
  /// edits of one (`vibe-rules reprot`, which the default subcommand would otherwise
  /// reject as an unexpected argument), else "".
  static func subcommandHint(_ arguments: [String]) -> String {
    guard let first = arguments.first, !first.hasPrefix("-") else { return "" }
    let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    guard !names.contains(first), let name = NameSuggestion.closest(to: first, among: names) else { return "" }
    return "; did you mean `\(name)`?"
  }

  /// The command `arguments` ask for. When they start with a subcommand's name, that
  /// subcommand parses the rest by itself first: the whole tree's parse builds the argument
  /// sets of the root, the default subcommand (`report`, to look for pass-through
  /// arguments) and then the subcommand again, each by reflection, on the one thread that
  /// runs before any file is read (5 M of the 20 M instructions `report` spends parsing).
  /// Only a parse that yields the subcommand itself is taken: an error, `--help` (which
  /// parses as a help command rooted at the subcommand) and a group's own subcommands come
  /// from the whole tree's parse, so messages and usage lines name `vibe-rules` as before.
  static func parse(_ arguments: [String]) throws -> ParsableCommand {
    if let name = arguments.first,
       let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
       let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst())),
       ObjectIdentifier(type(of: command)) == ObjectIdentifier(subcommand) {
      return command
    }
    return try parseAsRoot(arguments)
  }
}
