import Diagnostics

/// One Dockerfile instruction, typed (layer 2).
///
/// Built from a `SyntaxNode` by `Dockerfile.parse`, which rejects what BuildKit's
/// `instructions` package rejects and the low-level parser keeps: unknown instructions,
/// flags an instruction does not take (`--chown` on RUN, `--platform` on COPY), a flag
/// without its value, wrong argument counts (`FROM a b`, `USER` with nothing), non-JSON
/// SHELL, `ONBUILD ONBUILD`, an unknown HEALTHCHECK type or malformed duration, an invalid
/// stage name, instructions before the first FROM, and malformed `${…}` substitutions.
/// Exec and shell forms stay apart in `CommandForm`.
public indirect enum Instruction: Sendable, Hashable {
  case from(FromInstruction)
  case arg([ArgDeclaration])
  case env([KeyValuePair])
  case label([KeyValuePair])
  case run(RunInstruction)
  case cmd(CommandForm)
  case entrypoint(CommandForm)
  /// The JSON array of `SHELL`.
  case shell([String])
  case copy(CopyInstruction)
  case add(AddInstruction)
  /// `USER <user>[:<group>]`, as written.
  case user(String)
  /// `WORKDIR <path>`, as written.
  case workdir(String)
  /// The EXPOSE entries as written (`80`, `8000-8010/udp`, `${PORT}`).
  case expose([String])
  case volume([String])
  case healthcheck(HealthCheckInstruction)
  case stopSignal(String)
  /// The instruction ONBUILD registers for images built FROM this one.
  case onbuild(Instruction)
  /// `MAINTAINER <name>` (deprecated; LABEL maintainer=… replaces it).
  case maintainer(String)

  /// The keyword in upper case (`FROM`, `RUN`, `HEALTHCHECK`…).
  public var keyword: String {
    switch self {
    case .from: "FROM"
    case .arg: "ARG"
    case .env: "ENV"
    case .label: "LABEL"
    case .run: "RUN"
    case .cmd: "CMD"
    case .entrypoint: "ENTRYPOINT"
    case .shell: "SHELL"
    case .copy: "COPY"
    case .add: "ADD"
    case .user: "USER"
    case .workdir: "WORKDIR"
    case .expose: "EXPOSE"
    case .volume: "VOLUME"
    case .healthcheck: "HEALTHCHECK"
    case .stopSignal: "STOPSIGNAL"
    case .onbuild: "ONBUILD"
    case .maintainer: "MAINTAINER"
    }
  }
}

/// An instruction with where it was written: `location` is its keyword, `endLine` its last
/// physical line (continuations and heredoc bodies included).
public struct LocatedInstruction: Sendable, Hashable {
  public var instruction: Instruction
  public var location: SourceLocation
  public var endLine: Int
  /// The low-level node it was built from.
  public var syntax: SyntaxNode

  public init(_ instruction: Instruction, syntax: SyntaxNode) {
    self.instruction = instruction
    self.location = syntax.location
    self.endLine = syntax.endLine
    self.syntax = syntax
  }

  /// The physical lines the instruction spans.
  public var lines: ClosedRange<Int> { location.line...max(location.line, endLine) }
}
