import Diagnostics

extension Evaluation {
  /// Where `command`'s standard output goes: bash applies redirections left to right
  /// (Bash Reference Manual, 3.6 "Redirections"), those of `exec`, of enclosing compound
  /// statements and of function calls first (`CommandInvocation.inheritedRedirections`),
  /// then the command's own. A command inside `$(...)` writes into the substitution; a
  /// command before `|` into the pipe. `/dev/stdout`, `/dev/stderr`, `/dev/fd/1`,
  /// `/dev/fd/2` and `/dev/tty` count as the terminal (3.6 lists the first four as
  /// special file names bash handles itself).
  public func standardOutput(of command: CommandInvocation) -> OutputDestination {
    var output: OutputDestination = .terminal
    for frame in command.context.frames {
      switch frame {
      case .commandSubstitution(let location), .processSubstitution(let location):
        output = .captured(at: location)
      case .pipeline(let position, let count) where position < count - 1:
        output = .pipe(to: pipelineSuccessor(of: command, position: position) ?? command.location)
      default:
        break
      }
    }
    var descriptors: [Int: OutputDestination] = [1: output, 2: .terminal]
    for redirection in command.inheritedRedirections + command.redirections {
      apply(redirection, to: &descriptors)
    }
    return descriptors[1] ?? .closed(at: command.location)
  }

  private func apply(_ redirection: Redirection, to descriptors: inout [Int: OutputDestination]) {
    guard redirection.fileDescriptorVariable == nil else { return }
    let target = redirection.target.map { value(of: $0) }
    func destination(_ path: ResolvedWord) -> OutputDestination {
      guard let literal = path.literal else {
        // `>(tee log)` and other values known only at run time.
        return .unknown(at: redirection.location)
      }
      switch literal {
      case "/dev/stdout", "/dev/fd/1": return descriptors[1] ?? .closed(at: redirection.location)
      case "/dev/stderr", "/dev/fd/2": return descriptors[2] ?? .closed(at: redirection.location)
      case "/dev/tty": return .terminal
      default: return .file(path, at: redirection.location)
      }
    }
    switch redirection.op {
    case .output, .append, .clobber, .readWrite:
      guard let target else { return }
      let descriptor = redirection.fileDescriptor ?? (redirection.op == .readWrite ? 0 : 1)
      descriptors[descriptor] = destination(target)
    case .outputAndError, .appendOutputAndError:
      guard let target else { return }
      let value = destination(target)
      descriptors[1] = value
      descriptors[2] = value
    case .duplicateOutput:
      guard let target else { return }
      let descriptor = redirection.fileDescriptor ?? 1
      guard let literal = target.literal else {
        descriptors[descriptor] = .unknown(at: redirection.location)
        return
      }
      if literal == "-" {
        descriptors[descriptor] = .closed(at: redirection.location)
      } else if let source = Int(literal.hasSuffix("-") ? String(literal.dropLast()) : literal) {
        descriptors[descriptor] = descriptors[source] ?? .closed(at: redirection.location)
        if literal.hasSuffix("-") { descriptors[source] = nil }
      } else if redirection.fileDescriptor == nil {
        // `>&word` with a word that is not a number: like `&>word`.
        let value = destination(target)
        descriptors[1] = value
        descriptors[2] = value
      } else {
        descriptors[descriptor] = .unknown(at: redirection.location)
      }
    case .input, .duplicateInput, .hereDocument, .hereDocumentStrippingTabs, .hereString:
      return
    }
  }

  /// The command that reads the pipe after member `position` of `command`'s pipeline.
  private func pipelineSuccessor(of command: CommandInvocation, position: Int) -> SourceLocation? {
    guard let index = command.context.frames.lastIndex(where: { if case .pipeline(position, _) = $0 { true } else { false } }) else { return nil }
    let prefix = command.context.frames[..<index]
    return commands.first { candidate in
      candidate.order > command.order && candidate.context.frames.count > index
        && { if case .pipeline(position + 1, _) = candidate.context.frames[index] { true } else { false } }()
        && candidate.context.hasFrames(prefix)
    }?.location
  }
}
