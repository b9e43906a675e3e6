import Diagnostics

/// A deploy script read into a syntax tree and evaluated statically (never executed).
///
/// `ShellScript.parse(_:)` reads bash source (Bash Reference Manual, chapter 3 "Basic Shell
/// Features"). The tree is in `statements`; `execution` is the script walked in execution
/// order with called functions inlined and every parameter unknown (computed when read,
/// not at parse: `vibe-rules report` needs only the per-env walks); `evaluate(_:)` walks it
/// with positional parameters and variables bound (one config env at a time), so words
/// resolve to strings where the script decides them statically.
public struct ShellScript: Sendable {
  /// How deeply constructs may nest (`if` in `$(` in `${` ...) before parsing stops with an
  /// error. Real deploy scripts nest a handful of levels; the bound keeps the reader and
  /// every walk over the tree far from the stack limit.
  public static let maximumNestingDepth = 100

  /// The file name diagnostics print.
  public let file: String
  public let shebang: Shebang?
  /// The top-level statements in source order.
  public let statements: [Statement]
  /// Every function definition in source order, nested ones included.
  public let functions: [FunctionDefinition]
  /// `# shellcheck ...` directives in source order.
  public let directives: [ShellCheckDirective]
  /// The script walked in execution order with every parameter unknown. Each read walks
  /// the script (it is not stored): keep the result when reading it more than once.
  public var execution: Evaluation {
    Evaluator.run(statements: statements, functions: functions, shebang: shebang, file: file, environment: .unknown, order: .execution)
  }

  /// Parses `source`. Throws one `InputError` at the offending line and column for
  /// malformed input: unterminated quotes, substitutions and here-documents, unbalanced
  /// `if`/`fi`, `case`/`esac`, `do`/`done`, `{`/`}`, `(`/`)`, or nesting deeper than
  /// `maximumNestingDepth`.
  public static func parse(_ source: SourceText) throws(InputError) -> ShellScript {
    var scalars: [Unicode.Scalar] = []
    // Bytes bound the scalars and are counted without reading the text (counting the
    // scalars had cost 0.47 M instructions on this repository's deploy.sh).
    scalars.reserveCapacity(source.text.utf8.count)
    var previousWasCarriageReturn = false
    for c in source.text.unicodeScalars {
      if c == "\r" {
        scalars.append("\n")
        previousWasCarriageReturn = true
        continue
      }
      if c == "\n" && previousWasCarriageReturn {
        previousWasCarriageReturn = false
        continue
      }
      previousWasCarriageReturn = false
      scalars.append(c)
    }
    let map = SourceMap(file: source.file, scalars: scalars)
    let session = ParseSession(maximumDepth: maximumNestingDepth)
    let statements = try Parser(source: scalars, map: map, session: session, depth: 0).parseProgram()
    let firstLine = String(scalars: scalars.prefix { $0 != "\n" })
    let shebang = Shebang(firstLine: firstLine, file: source.file)
    return ShellScript(
      file: source.file, shebang: shebang, statements: statements,
      directives: session.directives.values.sorted { $0.location < $1.location })
  }

  init(file: String, shebang: Shebang?, statements: [Statement], directives: [ShellCheckDirective]) {
    self.file = file
    self.shebang = shebang
    self.statements = statements
    self.directives = directives
    var functions: [FunctionDefinition] = []
    SyntaxWalk.forEachStatement(in: statements) { statement in
      if case .functionDefinition(let definition) = statement.kind { functions.append(definition) }
    }
    self.functions = functions
  }

  /// Every statement and command in source order, every parameter unknown: functions
  /// walked where they are defined (whether called or not), every branch walked, nothing
  /// inlined. For questions about code that execution order never reaches.
  public func walkInSourceOrder() -> Evaluation {
    Evaluator.run(statements: statements, functions: functions, shebang: shebang, file: file, environment: .unknown, order: .source)
  }

  /// The script walked in execution order with `environment` bound: positional parameters
  /// (`$1` = the config env) and known variables. Branches the bound values decide are
  /// walked alone; others are walked each and their assignments merged as alternatives.
  public func evaluate(_ environment: Environment) -> Evaluation {
    Evaluator.run(statements: statements, functions: functions, shebang: shebang, file: file, environment: environment, order: .execution)
  }

  /// `evaluate(_:)` as one of `walks` walks of the same run (one per config env): from
  /// three walks on, each gets an equal part of what two would get of the walk's bounds
  /// (`Evaluator.share(_:walks:)`): statement records (400,000 a walk), word readings
  /// inside calls (400,000), frames kept by the records inside calls (1,000,000), known
  /// text recorded (16 MiB) and string-operation steps (32 M). A walk past its records,
  /// word readings or frames is truncated
  /// (`Evaluation.isTruncated`). So a hostile script walked for 64 envs costs what it
  /// costs walked for two; 64 envs leave 12,500 records each, and this repository's
  /// deploy.sh runs about 300 commands.
  public func evaluate(_ environment: Environment, sharedBy walks: Int) -> Evaluation {
    Evaluator.run(statements: statements, functions: functions, shebang: shebang, file: file, environment: environment, order: .execution) { walk in
      walk.recordLimit = Evaluator.share(Evaluator.walkRecordBudget, walks: walks)
      walk.inlineFrameLimit = Evaluator.share(Evaluator.inlineFrameBudget, walks: walks)
      walk.inlineWordLimit = Evaluator.share(Evaluator.inlineWordBudget, walks: walks)
      walk.recordedTextLimit = Evaluator.share(Evaluator.recordedTextBudget, walks: walks)
      walk.textWorkLeft = Evaluator.share(Evaluator.textWorkLimit, walks: walks)
    }
  }

  /// Commands named `name` (or whose path ends in `/name`) in execution order, with every
  /// parameter unknown. Same as `execution.commands(named:)`.
  public func commands(named name: String) -> [CommandInvocation] {
    execution.commands(named: name)
  }

  /// Commands named `name` whose operands start with `subcommands`, in execution order
  /// with every parameter unknown: `script.commands(named: "aws", "ecs", "wait")`.
  public func commands(named name: String, _ subcommands: String...) -> [CommandInvocation] {
    execution.commands(named: name, subcommands: subcommands)
  }

  /// The errexit (`set -e`) state at the statement or command that starts at `location`,
  /// in execution order (falling back to source order for code that is never reached).
  public func errexit(at location: SourceLocation) -> ErrexitStatus? {
    let execution = self.execution
    if let status = execution.errexit(at: location), execution.reaches(location) { return status }
    return walkInSourceOrder().errexit(at: location) ?? execution.errexit(at: location)
  }

  /// The definition of function `name` (the last one in source order).
  public func function(named name: String) -> FunctionDefinition? {
    functions.last { $0.name == name }
  }

  /// Every statement in source order (pre-order), including those inside function bodies
  /// and command substitutions.
  public var allStatements: [Statement] {
    var result: [Statement] = []
    SyntaxWalk.forEachStatement(in: statements) { result.append($0) }
    return result
  }
}
