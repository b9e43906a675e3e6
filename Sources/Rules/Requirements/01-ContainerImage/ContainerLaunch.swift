import Diagnostics
import DockerfileModel
import TemplateModel

/// What a container of the task definition starts from the image: its argv, environment
/// and working directory after the container definition's overrides.
///
/// ECS passes `EntryPoint`, `Command`, `Environment` and `WorkingDirectory` to the
/// container runtime, where they replace the image's ENTRYPOINT, CMD, ENV (per name) and
/// WORKDIR ("Container definitions", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment).
/// As in Docker, an ENTRYPOINT given at run time drops the image's CMD; a CMD given at run
/// time is appended to an exec-form ENTRYPOINT and ignored by a shell-form one
/// (https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact).
struct ContainerLaunch {
  /// The argv the runtime executes; nil when neither the image nor the task sets one.
  var arguments: [String]?
  /// Where the argv is written (the task's Command/EntryPoint, else the image's CMD).
  var location: SourceLocation?
  /// Why the argv is not known, when the task definition replaces the image's with values
  /// known only at deploy time (`arguments` is then nil).
  var unknownOverride: String?
  /// Set when the image's ENTRYPOINT or CMD that still runs begins with `[` but is not a
  /// JSON array: `arguments` then start the shell with the text, not the program meant.
  var malformedExecForm: MalformedExecForm?
  /// ` in the task definition's Command` when the task definition replaced the start
  /// command, for messages; "" otherwise.
  var origin = ""
  /// Statically known variables: the image's ENV with the task's Environment over it.
  var environment: [String: String]
  /// The task's Environment entries with known values, by name.
  var taskEnvironment: [String: Located<String>] = [:]
  /// The task's WorkingDirectory, when it sets one.
  var workingDirectory: Located<String>?

  init(_ facts: ImageFacts, container: ContainerDefinition?) {
    environment = facts.knownEnvironment
    let start = facts.startCommand
    arguments = start?.arguments
    location = start?.location
    malformedExecForm = start?.malformedExecForm
    guard let container else { return }
    for variable in container["Environment"]?.list ?? [] {
      guard let name = variable["Name"]?.string else { continue }
      if let value = variable["Value"]?.string {
        environment[name] = value
        taskEnvironment[name] = Located(value, at: variable["Value"]!.location)
      } else {
        environment[name] = nil
      }
    }
    if let directory = container["WorkingDirectory"], let text = directory.string { workingDirectory = Located(text, at: directory.location) }
    let entryPoint = Self.strings(container["EntryPoint"])
    let command = Self.strings(container["Command"])
    // An EntryPoint or Command with an element known only at deploy time (an import, a
    // parameter without a value) replaces the image's all the same: what runs is unknown.
    for (property, node, words) in [("EntryPoint", container["EntryPoint"], entryPoint), ("Command", container["Command"], command)] {
      guard let node, words == nil else { continue }
      arguments = nil
      location = node.location
      malformedExecForm = nil
      unknownOverride = "the task definition's \(property) \(node.display) is not known statically"
      return
    }
    if let entryPoint {
      arguments = entryPoint.words + (command?.words ?? [])
      location = entryPoint.location
      malformedExecForm = nil
      origin = " in the task definition's EntryPoint" + (command == nil ? "" : " and Command")
    } else if let command {
      if let entrypoint = facts.entrypoint {
        if case .exec = entrypoint.value {
          arguments = StartCommand.arguments(of: entrypoint.value, shell: facts.runtimeShell) + command.words
          location = command.location
          malformedExecForm = nil
          origin = " in the task definition's Command (after the image's ENTRYPOINT)"
        }
      } else {
        arguments = command.words
        location = command.location
        malformedExecForm = nil
        origin = " in the task definition's Command"
      }
    }
  }

  /// A list of known strings (nil when absent or not known statically).
  private static func strings(_ node: EvaluatedNode?) -> (words: [String], location: SourceLocation)? {
    guard let node, let items = node.list else { return nil }
    let words = items.compactMap(\.string)
    guard words.count == items.count else { return nil }
    return (words, node.location)
  }
}
