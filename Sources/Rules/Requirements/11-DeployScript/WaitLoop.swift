import Diagnostics
import ShellScriptModel

/// The loop a deploy script polls the ECS service in (or re-runs the CLI waiter in), as
/// the execution-order walk reached it, and how it gives up.
///
/// Shape, for this repository's `wait_for_service_stable`: `location` is the `while true`
/// at deploy.sh:221; `commands` are the describe-services call, the `read`, the tests and
/// everything they call (`die` inlined); the give-up is the `exit 1` inside the `die` that
/// `if ((SECONDS >= deadline))` guards, with a limit of 900 s.
struct WaitLoop {
  let evaluation: Evaluation
  /// The frames around the loop statement (the loop's body frames start with these).
  let outerFrames: [ContextFrame]
  /// Where the `while`/`until`/`for` is.
  let location: SourceLocation

  /// How the loop gives up: the command that ends the wait with a failure and the time
  /// comparison that decides it.
  struct GiveUp {
    /// The `exit`, `return` or `false` that reports the failure.
    var failure: CommandInvocation
    var test: ElapsedTimeTest
  }

  /// The loop around `command` (innermost), if any.
  init?(around command: CommandInvocation, in evaluation: Evaluation) {
    let frames = command.context.frames
    guard let index = frames.lastIndex(where: Self.isLoopFrame), let location = Self.location(of: frames[index]) else { return nil }
    self.evaluation = evaluation
    outerFrames = Array(frames[..<index])
    self.location = location
  }

  static func isLoopFrame(_ frame: ContextFrame) -> Bool {
    switch frame {
    case .loopBody, .loopCondition: true
    default: false
    }
  }

  static func location(of frame: ContextFrame) -> SourceLocation? {
    switch frame {
    case .loopBody(_, let location), .loopCondition(_, let location): location
    default: nil
    }
  }

  /// True when `context` is inside this loop (its condition or body, at any depth).
  func contains(_ context: CommandContext) -> Bool {
    context.frames.count > outerFrames.count && Self.location(of: context.frames[outerFrames.count]) == location
      && context.hasFrames(outerFrames[...])
  }

  /// The commands of the loop's condition and body, in order.
  var commands: [CommandInvocation] { evaluation.commands.filter { contains($0.context) } }

  /// Every value the walk assigned to `name` (declarations such as `local x=...` and
  /// assignment statements), with whether the assignment is inside the loop.
  ///
  /// The time rules ask this for each variable a comparison names, several times over:
  /// each name's values are read once and kept (`AssignedValues`). Only the arguments of
  /// declaration builtins (`local`, `export`, ...) whose leading literal starts with
  /// `name` are read as assignments (`Assignment(word:)` needs the name there).
  func assignedValues(_ name: String) -> [(value: ResolvedWord, inLoop: Bool)] {
    if let known = assigned.byName[name] { return known }
    var values: [(value: ResolvedWord, inLoop: Bool)] = []
    for command in evaluation.commands {
      guard let builtin = command.commandName, SimpleCommand.declarationBuiltins.contains(builtin) else { continue }
      for (index, word) in command.words.enumerated() where index > command.commandIndex {
        guard case .literal(let head) = word.parts.first?.kind, head.hasPrefix(name),
          Assignment(word: word)?.name == name, let (_, value) = command.resolvedWords[index].split(atFirst: "=")
        else { continue }
        values.append((value, contains(command.context)))
      }
    }
    for record in evaluation.statements where record.statement.isAssignmentOnly {
      for assignment in record.statement.assignments where assignment.name == name {
        guard case .scalar(let word) = assignment.value else { continue }
        values.append((evaluation.value(of: word), contains(record.context)))
      }
    }
    assigned.byName[name] = values
    return values
  }

  /// `assignedValues`' answers by name, kept by the loop value and its copies (the time
  /// rules copy the loop into each comparison they read).
  private let assigned = AssignedValues()

  private final class AssignedValues {
    var byName: [String: [(value: ResolvedWord, inLoop: Bool)]] = [:]
  }

  /// The ways the loop gives up on a time comparison: a failure (`exit`, `return`, `false`)
  /// in the loop guarded by an `if` or `&&`/`||` whose condition compares the elapsed time,
  /// or, when the loop's own condition does, the first statement after the loop.
  var giveUps: [GiveUp] {
    var found: [GiveUp] = []
    let commands = self.commands
    for failure in commands where Self.isFailure(failure) {
      guard let test = guardingTest(of: failure, among: commands) else { continue }
      found.append(GiveUp(failure: failure, test: test))
    }
    let conditionTests = commands.filter { command in
      command.context.frames.count > outerFrames.count
        && { if case .loopCondition = command.context.frames[outerFrames.count] { true } else { false } }()
    }.compactMap { ElapsedTimeTest.read($0, in: self) }
    if let test = conditionTests.first, let last = commands.last,
      let next = evaluation.commands.first(where: { $0.order > last.order && $0.context.frames == outerFrames })
    {
      let inside = evaluation.commands.filter { $0.order >= next.order && $0.context.hasFrames(next.context.frames[...]) }
      let called = next.calledFunction.map { name in
        inside.first { $0.context.hasFrames(outerFrames[...], then: .function(name: name, call: next.location)) && Self.isFailure($0) }
      } ?? nil
      if let failure = Self.isFailure(next) ? next : called { found.append(GiveUp(failure: failure, test: test)) }
    }
    return found
  }

  /// `exit` or `return` with a non-zero (or no) status, or `false`.
  static func isFailure(_ command: CommandInvocation) -> Bool {
    let status = command.resolvedArguments.first?.literal
    return ((command.isCommand("exit") || command.isCommand("return")) && status != "0") || (command.isCommand("false") && command.calledFunction == nil)
  }

  /// The elapsed-time comparison whose outcome leads to `failure`: the condition of the
  /// innermost `if` branch around it, or an earlier item of its `&&`/`||` list.
  private func guardingTest(of failure: CommandInvocation, among commands: [CommandInvocation]) -> ElapsedTimeTest? {
    let frames = failure.context.frames
    for index in stride(from: frames.count - 1, through: outerFrames.count + 1, by: -1) {
      let prefix = frames[..<index]
      let guards: [CommandInvocation]
      switch frames[index] {
      case .thenBranch(let at):
        guards = commands.filter { $0.context.hasFrames(prefix, then: .ifCondition(at)) }
      case .elseBranch:
        guards = commands.filter { command in
          command.context.frames.count > index
            && { if case .ifCondition = command.context.frames[index] { true } else { false } }()
            && command.context.hasFrames(prefix)
        }
      case .andOrList(let position, let count, _) where position > 0:
        // Earlier items of the same list (same anchor: not the next list at this level).
        guards = commands.filter { command in
          command.context.frames.count > index
            && { if case .andOrList(let earlier, count, _) = command.context.frames[index] { earlier < position } else { false } }()
            && command.context.anchors.count > index && failure.context.anchors.count > index
            && command.context.anchors[index] == failure.context.anchors[index]
            && command.context.sharesConstructs(with: failure.context, depth: index)
        }
      default:
        continue
      }
      if let test = guards.lazy.compactMap({ ElapsedTimeTest.read($0, in: self) }).first { return test }
    }
    return nil
  }
}
