import ArgumentParser
import Diagnostics
import ProjectModel
import Rules

/// `vibe-rules graph --format mermaid|dot [--env NAME]`: the architecture the template
/// defines for one config env (default: the first one evaluated).
struct Graph: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw the architecture the template defines for one env (mermaid or dot).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case mermaid, dot
  }

  @OptionGroup var inputs: ProjectInputs

  @Option(help: "mermaid (a flowchart for Markdown) or dot (Graphviz).")
  var format: Format = .mermaid

  @Option(help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    guard inputs.environments.count <= 1 else {
      throw InputError("graph draws one config env; give --env once", at: nil)
    }
    let project = try inputs.load()
    guard project.template != nil else {
      throw InputError(project.absences["template"] ?? "no template to draw", at: nil)
    }
    guard let environment = project.environments.first else {
      throw InputError("no config env to draw", at: nil)
    }
    let graph = ArchitectureGraph(environment)
    try Output.write(format == .mermaid ? graph.mermaid() : graph.dot(), to: output, sparing: Output.spared(by: project))
  }
}
