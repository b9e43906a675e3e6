import Diagnostics

extension Evaluator {
  /// How many scalars of variable values one arithmetic evaluation reads (see
  /// `evaluateArithmetic`); past it the expression counts as assigning names the walk
  /// does not know (`CommandShadowing.Kind.computedName`).
  static let arithmeticReadLimit = 16 * 1024
  /// How many scalars of values all the arithmetic evaluations of one walk read together
  /// (`arithmeticWork` so far): a script that reads a long value in arithmetic on every
  /// line stays linear, and past the limit every further value read counts as above.
  static let arithmeticWalkLimit = 2 * 1024 * 1024

  /// An arithmetic evaluation (6.5 "Shell Arithmetic") of `expression` at `location`:
  /// `((...))`, `let`, `$((...))`, `for ((...))`, an indexed array's subscript
  /// (`a[PATH=1]=x`, `${a[i++]}`, `unset 'a[i]'`), a substring offset, the operands of
  /// `[[ a -eq b ]]`, the value given to a `declare -i` variable.
  ///
  /// Every variable the expression assigns becomes unknown, and those that steer command
  /// lookup (`PATH`, `BASH_CMDS`, `BASH_ALIASES`, `IFS`) are recorded (`noteLookupVariable`).
  /// Bash reads `$x` in the text first and then, for every variable the expression names,
  /// evaluates the variable's value as an expression too (`x='PATH=1'; ((x))` assigns
  /// PATH), so the walk does the same with the values it knows: `$x` is replaced by each
  /// value it may have, and a named variable's known value is read as an expression in
  /// turn. A value the walk does not know (command output, input, the environment) is
  /// taken as a number: the script's files cannot show what it holds.
  ///
  /// Bounded: at most `arithmeticReadLimit` scalars of values are read per evaluation, and
  /// `arithmeticWalkLimit` per walk.
  func evaluateArithmetic(_ expression: String, at location: SourceLocation) {
    var budget = min(Self.arithmeticReadLimit, Self.arithmeticWalkLimit - arithmeticWork)
    defer { arithmeticWork += max(0, min(Self.arithmeticReadLimit, Self.arithmeticWalkLimit - arithmeticWork) - max(budget, 0)) }
    var pending = [expression]
    var named: Set<String> = []
    var assigned: [(name: String, subscript: String?)] = []
    var seenAssignments: Set<String> = []
    func exhausted() -> Bool {
      guard budget < 0 else { return false }
      addShadowing(.computedName, at: location)
      return true
    }
    while let text = pending.popLast() {
      // `$x`: its text takes the place of the reference, once per value it may have.
      if let (range, values) = firstSubstitution(in: text, budget: budget) {
        guard let values else {
          budget = -1
          _ = exhausted()
          return
        }
        let scalars = Array(text.unicodeScalars)
        for value in values {
          budget -= value.unicodeScalars.count + scalars.count
          if exhausted() { return }
          var replaced = scalars
          replaced.replaceSubrange(range, with: value.unicodeScalars)
          pending.append(String(scalars: replaced[...]))
        }
        continue
      }
      for assignment in ArithmeticText.assignments(text) where seenAssignments.insert(assignment.name + "[" + (assignment.subscript ?? "")).inserted {
        assigned.append(assignment)
      }
      for name in ArithmeticText.names(text) where named.insert(name).inserted {
        guard let values = knownTexts(of: name, budget: budget) else {
          budget = -1
          _ = exhausted()
          return
        }
        for value in values where !value.isEmpty && Int(value) == nil {
          budget -= value.unicodeScalars.count
          if exhausted() { return }
          pending.append(value)
        }
      }
    }
    for (name, key) in assigned where !isReadonly(name) {
      noteLookupVariable(name, subscript: key, at: location)
      noteReferenceWrite(name, at: location)
      assign(name, .scalar(ResolvedWord(symbol: Symbol(kind: .arithmetic(expression), expression: "$((\(expression)))", variable: name))))
    }
  }

  /// The first plain `$NAME` or `${NAME}` in `text` whose value is known and not a
  /// number, with the texts it may stand for (nil when they are longer than `budget`);
  /// nil when there is none. Numbers need no replacing: they can neither assign nor name
  /// a variable.
  private func firstSubstitution(in text: String, budget: Int) -> (Range<Int>, [String]?)? {
    for reference in ArithmeticText.parameterReferences(text) {
      guard let values = knownTexts(of: reference.name, budget: budget) else { return (reference.range, nil) }
      if values.isEmpty || values.allSatisfy({ Int($0) != nil }) { continue }
      return (reference.range, values)
    }
    return nil
  }

  /// The texts the walk knows variable `name` may hold (each alternative, each element of
  /// an array); empty when it holds an unknown value (or is a special or positional
  /// parameter, or a name reference); nil when they are longer than `budget` in all.
  private func knownTexts(of name: String, budget: Int) -> [String]? {
    guard Lexical.isName(name), referenceTargets[name] == nil, !unknownReferences.contains(name) else { return [] }
    var values: [ResolvedWord] = []
    switch state.variables[name] ?? initialBinding(name) {
    case .unset: return []
    case .scalar(let value):
      if value.pieces.count == 1, case .symbol(let symbol) = value.pieces[0], case .alternatives(let options) = symbol.kind {
        values = options
      } else {
        values = [value]
      }
    case .array(let elements): values = elements
    }
    var size = 0
    for value in values { size += value.size.bytes }
    guard size <= max(budget, 0) else { return nil }
    return values.compactMap(\.literal)
  }

  /// The arithmetic a parameter expansion evaluates: its subscript (`${a[i++]}`, not for
  /// `@` and `*`) and a substring's offset and length (`${x:PATH=1}`).
  func evaluateExpansionArithmetic(_ expansion: ParameterExpansion) {
    evaluateSubscript(expansion.arrayIndex, at: expansion.location)
    if case .substring(let offset, let length) = expansion.operation {
      evaluateSubscript(offset, at: expansion.location)
      evaluateSubscript(length, at: expansion.location)
    }
  }

  /// The arithmetic of a `[[ ]]` command: the operands of `-eq`, `-ne`, `-lt`, `-le`,
  /// `-gt`, `-ge` (after expansion; 6.4 "Bash Conditional Expressions": "evaluated as
  /// arithmetic expressions" inside `[[`), and the array element of `-v a[i]`.
  func evaluateConditionalArithmetic(_ words: [Word], _ resolved: [ResolvedWord], at location: SourceLocation) {
    for (index, word) in words.enumerated() {
      guard word.parts.count == 1, case .literal(let op) = word.parts[0].kind else { continue }
      switch op {
      case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
        for side in [index - 1, index + 1] where side >= 0 && side < resolved.count {
          if let text = resolved[side].literal { evaluateSubscript(text, at: location) }
        }
      case "-v":
        if index + 1 < resolved.count { evaluateElementName(resolved[index + 1].literal, at: location) }
      default:
        break
      }
    }
  }

  /// `evaluateArithmetic` for the subscript of an indexed array written as text
  /// (`a[PATH=1]`, `a[$((i+1))]`), skipping `@` and `*`.
  func evaluateSubscript(_ subscriptText: String?, at location: SourceLocation) {
    guard let subscriptText, subscriptText != "@", subscriptText != "*", !subscriptText.isEmpty, Int(subscriptText) == nil else { return }
    evaluateArithmetic(subscriptText, at: location)
  }

  /// `evaluateSubscript` for a word naming an array element (`a[PATH=1]`), as given to
  /// `read`, `printf -v`, `unset`, `declare -n`, `test -v`.
  func evaluateElementName(_ text: String?, at location: SourceLocation) {
    guard let text, let open = text.firstIndex(of: "["), text.last == "]", Lexical.isName(text[..<open]) else { return }
    evaluateSubscript(String(text[text.index(after: open)..<text.index(before: text.endIndex)]), at: location)
  }
}
