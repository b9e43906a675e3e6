import ProjectModel

/// What the command line asks for, read before swift-argument-parser has read it: for
/// the work `main` starts first (the malloc arena limit of a large run, `LargeInput`; the
/// catalogue and template read on another core while the arguments are parsed,
/// `readAhead`). A guess: what it gets wrong costs time or memory, never a different
/// result, because `Project.load` compares its own options with the guess.
enum CommandLineGuess {
  /// The file options `Project.load` is expected to get: those the command line names
  /// (`--root`, `--template`, `--samconfig`, `--deploy-script`, `--requirements` and
  /// `--config`, `--name value` or `--name=value`, the last one given, options before
  /// `--` only), with what the configuration file (`.vibe-rules.yaml`) sets. A
  /// configuration that does not read counts as none (the load reports it).
  static let options: ProjectOptions = {
    let given = options(Array(CommandLine.arguments.dropFirst()))
    return (try? VibeRulesConfiguration.locate(given)).flatMap { try? $0?.configuration.applied(to: given) } ?? given
  }()

  /// The subcommands that load the project first thing (`report` is also the default,
  /// taken when the first argument is an option or there is none).
  static let loadingSubcommands: Set<String> = ["report", "check"]

  /// Starts reading the requirement catalogue and the template (`Project.readDefinitionsAhead`)
  /// when `arguments` start with a subcommand that loads the project: parsing the command
  /// line takes 1.5 to 3 ms on one core, during which the other core reads them.
  static func readAhead(_ arguments: [String]) {
    guard arguments.first.map({ $0.hasPrefix("-") || loadingSubcommands.contains($0) }) ?? true else { return }
    Project.readDefinitionsAhead(options)
  }

  /// The file options `arguments` give.
  static func options(_ arguments: [String]) -> ProjectOptions {
    let options = arguments.prefix { $0 != "--" }
    func value(_ name: String) -> String? {
      var found: String?
      for (index, argument) in options.enumerated() {
        if argument == name, index + 1 < options.count {
          found = options[options.startIndex + index + 1]
        } else if argument.hasPrefix(name + "=") {
          found = String(argument.dropFirst(name.count + 1))
        }
      }
      return found
    }
    var given = ProjectOptions(
      root: value("--root") ?? ".", template: value("--template"), samconfig: value("--samconfig"),
      deployScript: value("--deploy-script"), requirements: value("--requirements"))
    given.configFile = value("--config")
    return given
  }
}
