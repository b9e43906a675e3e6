import Diagnostics

extension Evaluator {
  /// The effects of builtins on what the walk tracks (Bash Reference Manual, 4.1 "Bourne
  /// Shell Builtins" and 4.2 "Bash Builtin Commands"): options (`set`, `shopt`),
  /// positional parameters (`set --`, `shift`), variables (declarations, `unset`, `read`,
  /// `mapfile`, `printf -v`, `getopts`, `let`) and control (`exit`, `return`, `break`,
  /// `continue`).
  func applyBuiltin(
    _ name: String, arguments: [ResolvedWord], declarations: [(Assignment, Binding)], at location: SourceLocation,
    _ context: WalkContext
  ) {
    let literals = arguments.map(\.literal)
    let knownPrefix = Array(literals.prefix { $0 != nil }.map { $0! })
    func input(_ variable: String) {
      guard Lexical.isName(variable), !isReadonly(variable) else { return }
      assign(variable, .scalar(ResolvedWord(symbol: Symbol(kind: .input, expression: "$" + variable, variable: variable, location: location))))
    }
    switch name {
    case "set":
      var options = state.options
      let (start, replaces) = options.applySet(knownPrefix, at: location)
      state.options = options
      if replaces, let start {
        let kept = arguments[start...]
        state.positional = knownPrefix.count == literals.count && kept.count <= Self.maximumPositionalParameters ? Array(kept) : nil
      }
    case "shopt":
      guard literals.contains("inherit_errexit") else { return }
      if literals.contains("-s") { state.options.inheritErrexit = OptionState(isEnabled: true, setAt: location) }
      if literals.contains("-u") { state.options.inheritErrexit = OptionState(isEnabled: false, setAt: location) }
    case "shift":
      guard var positional = state.positional else { return }
      guard let count = arguments.isEmpty ? 1 : literals[0].flatMap({ Int($0) }) else {
        state.positional = nil
        return
      }
      positional.removeFirst(min(max(count, 0), positional.count))
      state.positional = positional
    case "exit":
      // `exit` alone gives the last command's status, which is not tracked.
      if order == .execution { exitPath(at: location, status: arguments.isEmpty ? nil : Self.returnStatus(arguments)) }
    case "return":
      jumpReturn(arguments)
    case "break", "continue":
      jumpLoop(arguments, continues: name == "continue")
    case "local", "declare", "typeset", "export", "readonly":
      // `declare -n r=X` makes r a reference; it does not write through one.
      let makesReferences = name != "export" && name != "readonly" && knownPrefix.prefix { $0.hasPrefix("-") && $0 != "--" }.contains { $0.dropFirst().contains("n") }
      for (assignment, value) in declarations { perform(assignment, value, declaration: name, throughReference: !makesReferences) }
      if name == "local" {
        for literal in literals.compactMap({ $0 }) where Lexical.isName(literal) && !isReadonly(literal) {
          if !localFrames.isEmpty, localFrames[localFrames.count - 1].index(forKey: literal) == nil {
            localFrames[localFrames.count - 1].updateValue(state.variables[literal], forKey: literal)
            assign(literal, .unset)
          }
        }
      }
    case "unset":
      let removesFunctions = literals.contains("-f")
      for literal in literals.compactMap({ $0 }) where !literal.hasPrefix("-") {
        if removesFunctions { defined[literal] = nil } else if Lexical.isName(literal), !isReadonly(literal) { assign(literal, .unset) }
      }
    case "read":
      var position = 0
      var arrayName: String?
      var names: [String] = []
      while position < literals.count {
        guard let literal = literals[position] else {
          position += 1
          continue
        }
        if literal.hasPrefix("-"), literal.count > 1 {
          if literal == "-a", position + 1 < literals.count {
            arrayName = literals[position + 1]
            position += 1
          } else if ["-p", "-d", "-n", "-N", "-t", "-u", "-i"].contains(literal) {
            position += 1
          }
        } else {
          names.append(literal)
        }
        position += 1
      }
      if let arrayName { input(arrayName) }
      if names.isEmpty && arrayName == nil { names = ["REPLY"] }
      names.forEach(input)
    case "mapfile", "readarray":
      let operands = literals.compactMap { $0 }.filter { !$0.hasPrefix("-") }
      input(operands.last ?? "MAPFILE")
    case "printf":
      guard literals.first == "-v", literals.count > 1, let variable = literals[1] else { return }
      var rest = Array(arguments.dropFirst(2))
      if rest.first?.literal == "--" { rest.removeFirst() }
      if isReadonly(variable) { return }
      // Sized before it is formatted: past `maximumValueBytes` of argument text the
      // variable is unknown, unformatted (24,000 arguments of 60 KB had built 1.4 GB).
      let argumentBytes = rest.reduce(0) { $0 + $1.size.bytes }
      if Lexical.isName(variable), argumentBytes <= Self.maximumValueBytes, let format = rest.first?.literal,
        let value = PrintfFormat.format(format, Array(rest.dropFirst()))
      {
        assign(variable, .scalar(bounded(value, variable).held(by: variable)))
      } else {
        input(variable)
      }
    case "getopts":
      if literals.count > 1, let variable = literals[1] { input(variable) }
    case "let":
      for literal in literals.compactMap({ $0 }) { evaluateArithmetic(literal, at: location) }
    default:
      break
    }
  }
}
