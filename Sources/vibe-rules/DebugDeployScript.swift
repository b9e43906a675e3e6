import ArgumentParser
import Diagnostics
import ProjectModel
import ShellScriptModel

/// `vibe-rules debug deploy-script FILE --env NAME`: the commands the script runs for one
/// config env, in execution order, with their arguments resolved as far as statically known.
struct DebugDeployScript: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deploy-script", abstract: "Print the commands a deploy script runs for one env, arguments resolved.")

  @ArgumentParser.Argument(help: "The deploy script.")
  var file: String

  @Option(name: .customLong("env"), help: "The value of $1 (the config env).")
  var environment: String = "dev"

  func run() throws {
    let script = try ShellScript.parse(DebugFile.source(file))
    let run = DeployScriptRun(script: script, environment: environment)
    // A row per command or flag: a line break inside a word (a quoted multi-line
    // argument, an env name) is escaped, so it cannot start a row of its own.
    func row(_ text: String) { print(TerminalSafe.text(text, oneLine: true)) }
    for command in run.evaluation.commands {
      let words = command.resolvedWords.map { $0.description }.joined(separator: " ")
      row("\(command.order)\t\(command.location)\t\(command.functionName.map { "[\($0)] " } ?? "")\(words)")
    }
    if let main = run.mainSamDeploy {
      let deploy = DeployScriptRun.samDeployCommand(main)
      print()
      row("sam deploy for env \(environment) at \(main.location):")
      for (flag, values) in deploy.flags.sorted(by: { $0.key < $1.key }) { row("  \(flag) \(values.map(\.value.description).joined(separator: " "))") }
      for override in deploy.parameterOverrides ?? [] { row("  override \(override.value.key)=\(override.value.value)") }
    }
  }
}
