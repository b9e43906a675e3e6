import Diagnostics

extension Evaluator {
  /// Resolves `word` at this point of the walk, running its command substitutions, and
  /// remembers the value for `Evaluation.value(of:)`.
  func resolveRecorded(_ word: Word, _ context: WalkContext) -> ResolvedWord {
    // Inside a function call (a frame for its locals is open): counted against
    // `inlineWordBudget`, so a wide function called many times is cut.
    if !localFrames.isEmpty { inlinedWords += 1 }
    let value = charged(resolve(word.parts, context, quiet: false), word)
    let key = Self.key(word.location)
    if let existing = wordValues[key] {
      if existing != value { wordValues[key] = alternatives("", [existing, value], expression: word.text) }
    } else {
      wordValues[key] = value
    }
    return value
  }

  /// `value` counted against `recordedTextBudget`; an unknown value (the word as written)
  /// when it holds more than `largeValueBytes` of known text and the budget is spent. A
  /// word that only names a variable or is written out (`"$B"`, `abc`) shares text that
  /// exists already and is not counted.
  private func charged(_ value: ResolvedWord, _ word: Word) -> ResolvedWord {
    guard Self.buildsText(word.parts), !spendRecordedText(value) else { return value }
    return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: word.text, location: word.location))
  }

  /// Counts `value`'s known text against `recordedTextBudget`; false (nothing counted)
  /// when the budget cannot hold it and it is larger than `largeValueBytes`.
  func spendRecordedText(_ value: ResolvedWord) -> Bool {
    let bytes = value.size.bytes
    if bytes > Self.largeValueBytes, recordedText + bytes > recordedTextLimit { return false }
    recordedText += bytes
    return true
  }

  /// A declaration builtin's operand as the command records it (`local a="$B"` → `a=` and
  /// the value): text built anew, so counted like `resolveRecorded`'s values; past the
  /// budget the value part is unknown (as written) and the name stays known.
  func declarationOperand(_ assignment: Assignment, _ value: Binding, _ word: Word) -> ResolvedWord {
    let prefix = assignment.name + (assignment.isAppend ? "+=" : "=")
    let text = Self.value(of: value)
    guard !spendRecordedText(text) else { return ResolvedWord(literal: prefix) + text }
    let written = word.text.hasPrefix(prefix) ? String(word.text.dropFirst(prefix.count)) : word.text
    return ResolvedWord(literal: prefix) + ResolvedWord(symbol: Symbol(kind: .unsupported, expression: written, location: word.location))
  }

  /// False when the value of `parts` is text that already exists: one literal part or one
  /// plain expansion of a variable or positional parameter (`$B`, `"${B}"`, `$1`), which
  /// share the source's or the variable's string; true when resolving may build text
  /// (concatenation, an operator, `$@`, `${A[*]}` joining elements).
  static func buildsText(_ parts: [WordPart]) -> Bool {
    guard parts.count == 1 else { return true }
    switch parts[0].kind {
    case .literal, .escaped, .singleQuoted, .ansiCQuoted: return false
    case .parameter(let expansion):
      guard case .value = expansion.operation, expansion.arrayIndex == nil, !expansion.isIndirect else { return true }
      return !(Lexical.isName(Substring(expansion.parameter)) || expansion.positionalIndex != nil)
    case .doubleQuoted(let inner): return buildsText(inner)
    default: return true
    }
  }

  /// Resolves word parts (3.5 "Shell Expansions", without word splitting or filename
  /// expansion). With `quiet`, nothing is recorded, substitutions are not walked and
  /// `${X:=...}` does not assign: used to decide conditions and match patterns.
  ///
  /// A word whose known text passes `maximumWordBytes` is unknown from there on: it is not
  /// built (`echo "$B$B…"` with 20,000 references to a 64 KiB `B`, or a here-document of
  /// as many lines, built 1.3 GB and took 9 s and 4 GB); the parts after the cut are still
  /// resolved, so what they record and assign is kept.
  func resolve(_ parts: [WordPart], _ context: WalkContext?, quiet: Bool) -> ResolvedWord {
    if parts.count == 1 { return resolve(parts[0], context, quiet: quiet) }
    var pieces: [ResolvedWord.Piece] = []
    var bytes = 0
    var cut: SourceLocation?
    for part in parts {
      let resolved = resolve(part, context, quiet: quiet)
      guard cut == nil else { continue }
      bytes += resolved.size.bytes
      if bytes > Self.maximumWordBytes {
        cut = part.location
        continue
      }
      pieces += resolved.pieces
    }
    if let cut {
      return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "(a word of more than \(Self.maximumWordBytes) bytes)", location: cut))
    }
    return ResolvedWord(pieces: pieces)
  }

  private func resolve(_ part: WordPart, _ context: WalkContext?, quiet: Bool) -> ResolvedWord {
    switch part.kind {
    case .literal(let text), .escaped(let text), .singleQuoted(let text), .ansiCQuoted(let text):
      return ResolvedWord(literal: text)
    case .doubleQuoted(let inner):
      return resolve(inner, context, quiet: quiet)
    case .parameter(let expansion):
      return expand(expansion, context, quiet: quiet)
    case .commandSubstitution(let substitution):
      var walked: Range<Int>?
      if !quiet, let context {
        let start = commands.count
        // What the commands inside skip is theirs (see `assignmentStatus`).
        let unseen = unseenSubstitutions
        let inner = context.adding(.commandSubstitution(substitution.location))
        if readsSubstitutionStatus > 0 {
          latestSubstitutionStatus = walkSubstitution(substitution, inner)
        } else {
          inSubshell { walkList(substitution.statements, inner) }
        }
        substitutionRuns += 1
        unseenSubstitutions = unseen
        walked = start..<commands.count
      }
      let command = substitution.text.trimmingCharacters()
      return ResolvedWord(
        symbol: Symbol(
          kind: .commandOutput(command: command), expression: substitution.expression, location: substitution.location, commands: walked))
    case .processSubstitution(let substitution, let isOutput):
      if !quiet, let context {
        let unseen = unseenSubstitutions
        let inner = context.adding(.processSubstitution(substitution.location))
        inSubshell { walkList(substitution.statements, inner) }
        // Its status is not what `$?` reads: an assignment holding one has no known status.
        unseenSubstitutions = unseen + 1
      }
      return ResolvedWord(
        symbol: Symbol(kind: .unsupported, expression: (isOutput ? ">(" : "<(") + substitution.text + ")", location: substitution.location))
    case .arithmetic(let expression):
      // `$(( PATH = 1 ))` assigns as it expands.
      if !quiet {
        checkArithmeticNounset([expression], at: part.location)
        if ArithmeticText.assignedVariables(expression).contains(where: isReadonly), case .readonly(let name) = arithmeticResult([expression]) {
          assignReadonly(name, at: part.location, abandonsCommand: false, context)
        }
        evaluateArithmetic(expression, at: part.location)
        if Self.mayRunCommands(expression) { unseenSubstitutions += 1 }
      }
      if let number = Int(expression.trimmingBlanks()) { return ResolvedWord(literal: String(number)) }
      return ResolvedWord(symbol: Symbol(kind: .arithmetic(expression), expression: "$((\(expression)))", location: part.location))
    case .tilde(let user):
      if user.isEmpty, case .value(let home) = lookup("HOME", arrayIndex: nil), home.isLiteral { return home }
      return ResolvedWord(symbol: Symbol(kind: .parameter("HOME"), expression: "~" + user, location: part.location))
    case .arrayLiteral(let words):
      return joined(words.map { resolve($0.parts, context, quiet: quiet) }, expression: "(…)")
    }
  }

  /// True when prompt expansion of `text` (nil: not known) may run an expansion: it holds
  /// `$` or a backquote ("Controlling the Prompt": prompts undergo parameter expansion,
  /// command substitution and arithmetic expansion).
  static func mayExpandAsPrompt(_ text: String?) -> Bool {
    guard let text else { return true }
    return text.contains("$") || text.contains("`")
  }

  /// The key of a word's value: its line and column (every word of a script is in one file).
  static func key(_ location: SourceLocation) -> Int { location.line << 32 | (location.column & 0xFFFF_FFFF) }

  /// Walks the commands of a substitution in a subshell: nothing they assign survives.
  /// Returns the subshell's status when known (see `inSubshell`).
  @discardableResult
  func walkSubstitution(_ substitution: CommandSubstitution, _ context: WalkContext) -> Bool? {
    inSubshell(finishingWith: substitution.statements.last) { walkList(substitution.statements, context) }
  }

  /// The value of a parameter (3.4 "Shell Parameters"): positional, special or variable.
  ///
  /// The unknown value is built only when it is the answer (most names are bound).
  func lookup(_ name: String, arrayIndex subscriptText: String?) -> ParameterValue {
    var unknown: ParameterValue { .value(ResolvedWord(symbol: Symbol(kind: .parameter(name), expression: "$" + name))) }
    if let number = Int(name) {
      if number == 0 { return environment.scriptName.map { .value(ResolvedWord(literal: $0)) } ?? unknown }
      guard let positional = state.positional else { return unknown }
      return number <= positional.count ? .value(positional[number - 1]) : .unset
    }
    switch name {
    case "#":
      return state.positional.map { .value(ResolvedWord(literal: String($0.count))) } ?? unknown
    case "@":
      return state.positional.map { .value(joined($0, expression: "$@")) } ?? unknown
    case "*":
      guard let separator = joinSeparator else { return unknown }
      return state.positional.map { .value(joined($0, separator: separator, expression: "$*")) } ?? unknown
    case "?", "$", "!", "-", "_":
      return unknown
    default:
      break
    }
    // A name reference reads a variable the walk does not follow (see `noteNameReferences`).
    if !referenceTargets.isEmpty || !unknownReferences.isEmpty, referenceTargets[name] != nil || unknownReferences.contains(name) {
      return .value(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "$" + name, variable: name)))
    }
    switch state.variables[name] ?? initialBinding(name) {
    case .unset:
      return .unset
    case .scalar(let value):
      guard let subscriptText, subscriptText != "0", subscriptText != "@", subscriptText != "*" else { return .value(value) }
      if Int(subscriptText) != nil { return .unset }
      return .value(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "${\(name)[\(subscriptText)]}", variable: name)))
    case .array(let values):
      guard let subscriptText else { return values.first.map { .value($0) } ?? .unset }
      if subscriptText == "@" { return .value(joined(values, expression: "${\(name)[@]}")) }
      if subscriptText == "*" {
        guard let separator = joinSeparator else { return .value(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "${\(name)[*]}", variable: name))) }
        return .value(joined(values, separator: separator, expression: "${\(name)[*]}"))
      }
      if let position = Int(subscriptText) { return position >= 0 && position < values.count ? .value(values[position]) : .unset }
      return .value(ResolvedWord(symbol: Symbol(kind: .unsupported, expression: "${\(name)[\(subscriptText)]}", variable: name)))
    }
  }

  /// `values` joined (`$@`, `${a[*]}`...), its text counted against the walk's string
  /// steps (`textWorkLimit`); unknown past them or past `maximumWordBytes`: 256 elements of
  /// 64 KiB made 16 MiB at each reference, and 20,000 references ran past a minute.
  func joined(_ values: [ResolvedWord], separator: String = " ", expression: String) -> ResolvedWord {
    let bytes = values.reduce(separator.utf8.count * max(0, values.count - 1)) { $0 + $1.size.bytes }
    guard bytes <= Self.maximumWordBytes, spendTextWork(bytes) else {
      return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expression))
    }
    return Self.join(values, separator: separator)
  }

  /// `${#NAME[@]}` / `${#@}`: how many elements; nil when unknown.
  private func elementCount(_ name: String) -> ResolvedWord? {
    if name == "@" || name == "*" { return state.positional.map { ResolvedWord(literal: String($0.count)) } }
    switch state.variables[name] ?? initialBinding(name) {
    case .unset: return ResolvedWord(literal: "0")
    case .array(let values): return ResolvedWord(literal: String(values.count))
    case .scalar(let value): return value.isLiteral ? ResolvedWord(literal: "1") : nil
    }
  }

  /// True/false when the value is known to be null (empty) or not; nil when unknown.
  static func isNull(_ value: ResolvedWord) -> Bool? {
    if let literal = value.literal { return literal.isEmpty }
    if value.pieces.contains(where: { if case .literal(let text) = $0 { !text.isEmpty } else { false } }) { return false }
    return nil
  }

  /// 3.5.3 "Shell Parameter Expansion".
  func expand(_ expansion: ParameterExpansion, _ context: WalkContext?, quiet: Bool) -> ResolvedWord {
    let symbolic = ResolvedWord(
      symbol: Symbol(kind: .parameter(expansion.parameter), expression: expansion.text, location: expansion.location))
    if !quiet {
      evaluateExpansionArithmetic(expansion)
      // Substitutions in a subscript or offset run too, unfollowed (see `assignmentStatus`).
      if let index = expansion.arrayIndex, Self.mayRunCommands(index) { unseenSubstitutions += 1 }
      if case .substring(let offset, let length) = expansion.operation, Self.mayRunCommands(offset + (length ?? "")) { unseenSubstitutions += 1 }
    }
    // `${x@P}` expands x's value as a prompt string: its `$((...))` and `${v:=...}` run
    // in this shell, so a value that may hold expansions may assign any variable.
    if !quiet, case .transform("P") = expansion.operation {
      var text: String?
      if case .value(let value) = lookup(expansion.parameter, arrayIndex: expansion.arrayIndex) { text = value.literal }
      if Self.mayExpandAsPrompt(text) { addShadowing(.computedName, at: expansion.location) }
    }
    if expansion.isIndirect {
      // `${!f}` with f='a[i++]': the subscript of the element it names is evaluated.
      if !quiet, case .value(let target) = lookup(expansion.parameter, arrayIndex: expansion.arrayIndex) {
        evaluateElementName(target.literal, at: expansion.location)
      }
      // `${!v:=x}` assigns the variable $v names.
      if !quiet, case .assignDefault = expansion.operation {
        let fromEnvironment = state.variables[expansion.parameter] == nil && environment.variables[expansion.parameter] == nil
        switch lookup(expansion.parameter, arrayIndex: expansion.arrayIndex) {
        case .value(let target): noteAssignedName(fromEnvironment ? nil : target.literal, at: expansion.location)
        case .unset: if fromEnvironment { noteAssignedName(nil, at: expansion.location) }
        }
      }
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expansion.text, location: expansion.location))
    }
    if expansion.operation == .length, let index = expansion.arrayIndex ?? (expansion.parameter == "@" || expansion.parameter == "*" ? "@" : nil),
      index == "@" || index == "*"
    {
      return elementCount(expansion.parameter) ?? ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expansion.text, location: expansion.location))
    }
    var current = lookup(expansion.parameter, arrayIndex: expansion.arrayIndex)
    if case .unset = current, Self.unsetIsAnError(expansion), isFromCaller(expansion.parameter) {
      // `"${AWS_REGION}"` with no default, of a variable the script never assigns: the
      // caller must set it (bash ends the shell there under `set -u` otherwise), so its
      // value is the caller's, unknown here; `${X:-d}` keeps reading X as unset.
      current = .value(symbolic)
    }
    if !quiet, case .unset = current, state.options.nounset.isEnabled, Self.unsetIsAnError(expansion), isUnsetByScript(expansion.parameter),
      readUnset(expansion.parameter, at: expansion.location)
    {
      return .empty
    }
    if case .value(let value) = current, value.pieces.count == 1, case .symbol(let symbol) = value.pieces[0],
      case .parameter(let name) = symbol.kind, name == expansion.parameter, symbol.variable == nil
    {
      current = .value(symbolic)
    }
    if case .value(let value) = current, value.pieces.count == 1, case .symbol(let symbol) = value.pieces[0],
      case .alternatives(let options) = symbol.kind, expansion.operation != .value
    {
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      let results = options.map { option in
        apply(expansion, .value(option), context, quiet: true, symbolic: symbolic)
      }
      return alternatives(expansion.parameter, results, expression: expansion.text)
    }
    // `${a[@]/p/r}`, `${@#p}`, `${a[*]^^}`: bash applies the operation to each element,
    // then joins (3.5.3: "the pattern removal operation is applied to each member of the
    // array in turn").
    if expansion.operation != .value, let results = elementResults(expansion, context, symbolic: symbolic) {
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      let all = expansion.arrayIndex.map { $0 == "@" } ?? (expansion.parameter == "@")
      guard let separator = all ? " " : joinSeparator else { return symbolic }
      return joined(results, separator: separator, expression: expansion.text)
    }
    return apply(expansion, current, context, quiet: quiet, symbolic: symbolic)
  }

  /// The operation of `expansion` applied to each element of an array or of the
  /// positional parameters (`${a[@]/p/r}`, `${@#p}`, `${a[*]^^}`; plain `${a[@]}` gives
  /// the elements themselves); nil for other expansions, or when the elements are not
  /// known. At most `maximumListedElements` elements are taken one by one.
  func elementResults(_ expansion: ParameterExpansion, _ context: WalkContext?, symbolic: ResolvedWord) -> [ResolvedWord]? {
    switch expansion.operation {
    case .value, .replace, .removePrefix, .removeSuffix, .upperCase, .lowerCase, .toggleCase: break
    default: return nil
    }
    guard !expansion.isIndirect else { return nil }
    let elements: [ResolvedWord]
    if let index = expansion.arrayIndex {
      guard index == "@" || index == "*", Lexical.isName(expansion.parameter), referenceTargets[expansion.parameter] == nil,
        !unknownReferences.contains(expansion.parameter), case .array(let values)? = state.variables[expansion.parameter]
      else { return nil }
      elements = values
    } else {
      guard expansion.parameter == "@" || expansion.parameter == "*", let positional = state.positional else { return nil }
      elements = positional
    }
    guard elements.count <= Self.maximumListedElements else { return nil }
    if case .value = expansion.operation { return elements }
    return elements.map { apply(expansion, .value($0), context, quiet: true, symbolic: symbolic) }
  }

  private func apply(
    _ expansion: ParameterExpansion, _ to: ParameterValue, _ context: WalkContext?, quiet: Bool, symbolic: ResolvedWord
  ) -> ResolvedWord {
    let current = to
    func isUnsetOrNull(_ checksNull: Bool) -> Bool? {
      switch current {
      case .unset: return true
      case .value(let value):
        guard checksNull else { return false }
        return Self.isNull(value)
      }
    }
    let value: ResolvedWord
    switch current {
    case .unset: value = .empty
    case .value(let known): value = known
    }
    func operand(_ word: Word) -> ResolvedWord { resolve(word.parts, context, quiet: quiet) }
    switch expansion.operation {
    case .value:
      return value
    case .length:
      if case .unset = current { return ResolvedWord(literal: "0") }
      // Code points, as bash counts in a UTF-8 locale (`${#X}` of "e\u{301}" is 2).
      if let literal = value.literal, spendTextWork(literal.utf8.count) { return ResolvedWord(literal: String(literal.unicodeScalars.count)) }
      return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expansion.text, location: expansion.location))
    case .matchingNames, .transform:
      return ResolvedWord(symbol: Symbol(kind: .unsupported, expression: expansion.text, location: expansion.location))
    case .useDefault(let word, let checksNull):
      switch isUnsetOrNull(checksNull) {
      case true?: return operand(word)
      case false?: return value
      case nil:
        if !quiet { noteUnseenSubstitutions(in: [word]) }
        return symbolic
      }
    case .assignDefault(let word, let checksNull):
      switch isUnsetOrNull(checksNull) {
      case true?:
        let result = operand(word)
        // `${r:=x}` with r readonly (and unset) abandons the command (see `assignReadonly`).
        if !quiet, isReadonly(expansion.parameter) {
          assignReadonly(expansion.parameter, at: expansion.location, abandonsCommand: true, context)
          return result
        }
        if !quiet, Lexical.isName(expansion.parameter) {
          noteLookupVariable(expansion.parameter, subscript: expansion.arrayIndex, at: expansion.location)
          noteReferenceWrite(expansion.parameter, at: expansion.location)
          assign(expansion.parameter, .scalar(bounded(result, expansion.parameter).held(by: expansion.parameter)))
        }
        return result
      case false?: return value
      case nil:
        if !quiet { noteUnseenSubstitutions(in: [word]) }
        return symbolic
      }
    case .errorIfUnset(let word, let checksNull):
      switch isUnsetOrNull(checksNull) {
      case true?:
        if !quiet, order == .execution, state.termination == nil { exitPath(at: expansion.location, status: false) }
        return .empty
      case false?: return value
      case nil:
        if !quiet { noteUnseenSubstitutions(in: [word]) }
        return symbolic
      }
    case .useAlternative(let word, let checksNull):
      switch isUnsetOrNull(checksNull) {
      case true?: return .empty
      case false?: return operand(word)
      case nil:
        if !quiet { noteUnseenSubstitutions(in: [word]) }
        return symbolic
      }
    case .removePrefix(let word, let longest), .removeSuffix(let word, let longest):
      if !quiet { noteUnseenSubstitutions(in: [word]) }
      guard let text = value.literal, let pattern = pattern(of: word, context, quiet: true) else { return symbolic }
      let isPrefix = if case .removePrefix = expansion.operation { true } else { false }
      let match =
        isPrefix
        ? pattern.prefixMatch(in: text, longest: longest, budget: &textWorkLeft)
        : pattern.suffixMatch(in: text, longest: longest, budget: &textWorkLeft)
      switch match {
      case .noMatch: return value
      case .undecided: return symbolic
      case .length(let length):
        let scalars = text.unicodeScalars
        return ResolvedWord(literal: String(isPrefix ? scalars.dropFirst(length) : scalars.dropLast(length)))
      }
    case .replace(let patternWord, let replacementWord, let mode):
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      // An empty pattern matches only as an anchor: `${X/#/p}` prefixes, `${X/%/s}` appends,
      // whatever the value and the text added hold (`${refs[@]/#/$URI}` with a URI from
      // command output).
      let anchored = if case .prefix = mode { true } else if case .suffix = mode { true } else { false }
      let searched = resolve(patternWord.parts, context, quiet: true).literal
      if anchored, searched == "" {
        let added = replacementWord.map { operand($0) } ?? .empty
        guard !(added.literal ?? "").contains("&"), (added.size.bytes + value.size.bytes) <= Self.maximumValueBytes else { return symbolic }
        if case .prefix = mode { return added + value }
        return value + added
      }
      guard let text = value.literal, let search = searched,
        !search.contains(where: { "*?[".contains($0) }), !search.isEmpty
      else { return symbolic }
      let replacement = replacementWord.map { operand($0) } ?? .empty
      // bash 5.2 replaces an unquoted `&` in the replacement by the matched text
      // (`patsub_replacement`, on by default): whether it was quoted is not kept here, so a
      // replacement holding `&` is left unknown rather than guessed.
      guard let with = replacement.literal, !with.contains("&"), spendTextWork(2 * text.utf8.count) else { return symbolic }
      switch mode {
      case .all:
        // Sized before it is built: `X="${X//a/$X}"` squares the length each time, so four
        // such lines from `aaaa` asked for 2 GB (an allocation abort) before `bounded` saw it.
        guard Self.replacedSize(text, search, with, limit: Self.maximumValueBytes) != nil else { return symbolic }
        return ResolvedWord(literal: text.replacingAll(search, with: with))
      case .first: return ResolvedWord(literal: text.replacingFirst(search, with: with))
      case .prefix: return ResolvedWord(literal: text.hasPrefix(search) ? with + text.dropFirst(search.count) : text)
      case .suffix: return ResolvedWord(literal: text.hasSuffix(search) ? text.dropLast(search.count) + with : text)
      }
    case .upperCase(let pattern, let all), .lowerCase(let pattern, let all):
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      guard pattern == nil, let text = value.literal, spendTextWork(text.utf8.count) else { return symbolic }
      let upper: Bool
      if case .upperCase = expansion.operation { upper = true } else { upper = false }
      if all { return ResolvedWord(literal: upper ? text.uppercased() : text.lowercased()) }
      guard let first = text.first else { return value }
      return ResolvedWord(literal: (upper ? first.uppercased() : first.lowercased()) + text.dropFirst())
    case .toggleCase(let pattern, let all):
      if !quiet { noteUnseenSubstitutions(in: expansion.operation.words) }
      // Only ASCII text: other letters' case mappings depend on the locale.
      guard pattern == nil, let text = value.literal, spendTextWork(text.utf8.count), text.unicodeScalars.allSatisfy(\.isASCII) else { return symbolic }
      var scalars = String.UnicodeScalarView()
      for (position, c) in text.unicodeScalars.enumerated() {
        let swaps = all || position == 0
        if swaps, c >= "a" && c <= "z" {
          scalars.append(Unicode.Scalar(c.value - 32)!)
        } else if swaps, c >= "A" && c <= "Z" {
          scalars.append(Unicode.Scalar(c.value + 32)!)
        } else {
          scalars.append(c)
        }
      }
      return ResolvedWord(literal: String(scalars))
    case .substring(let offsetText, let lengthText):
      if value.literal == nil, let cut = Self.substringOfOutput(value, offsetText, lengthText, expression: expansion) { return cut }
      guard let text = value.literal, let offset = Int(offsetText.trimmingBlanks()), spendTextWork(text.utf8.count) else { return symbolic }
      // Bash counts characters as the locale's code points (UTF-8: Unicode scalars), not
      // grapheme clusters: `${X:0:1}` of "e\u{301}" is "e".
      let characters = Array(text.unicodeScalars)
      let start = offset < 0 ? max(0, characters.count + offset) : min(offset, characters.count)
      var stop = characters.count
      if let lengthText {
        guard let length = Int(lengthText.trimmingBlanks()) else { return symbolic }
        // Clamped before adding: bash accepts any 64-bit length (`${X:1:9223372036854775807}`).
        stop = length < 0 ? max(start, characters.count + max(length, -characters.count)) : start + min(length, characters.count - start)
      }
      return ResolvedWord(literal: String(scalars: characters[start..<max(start, stop)]))
    }
  }

  /// `${VAR:offset:length}` of one command's output, with a known non-negative offset and
  /// positive length: the same characters `cmd | cut -c<offset+1>-<offset+length>` gives
  /// for one line of output (`${SHA:0:7}` of `$(git rev-parse HEAD)` →
  /// `git rev-parse HEAD | cut -c1-7`), as command output, so what is known of the command
  /// stays known.
  /// The UTF-8 size of `text` with every `search` replaced by `replacement`, or nil once
  /// it exceeds `limit` (counted match by match, so a growing result is refused early).
  static func replacedSize(_ text: String, _ search: String, _ replacement: String, limit: Int) -> Int? {
    let growth = replacement.utf8.count - search.utf8.count
    let size = text.utf8.count
    guard growth > 0 else { return size <= limit ? size : nil }
    guard size <= limit else { return nil }
    // More than `room` occurrences would pass the limit: count no further.
    let room = (limit - size) / growth
    let count = text.occurrenceCount(of: search, limit: room + 1)
    return count > room ? nil : size + count * growth
  }

  static func substringOfOutput(_ value: ResolvedWord, _ offsetText: String, _ lengthText: String?, expression: ParameterExpansion) -> ResolvedWord? {
    guard value.pieces.count == 1, case .symbol(let symbol) = value.pieces[0], let command = symbol.command,
      let offset = offsetText.trimmingBlanks().isEmpty ? 0 : Int(offsetText.trimmingBlanks()), offset >= 0, let lengthText, let length = Int(lengthText.trimmingBlanks()), length > 0
    else { return nil }
    var cut = symbol
    // cut's own positions are at most 2^63 - 1; beyond that nothing is known.
    guard offset < Int.max - 1, case let (last, overflow) = offset.addingReportingOverflow(length), !overflow else { return nil }
    cut.kind = .commandOutput(command: command + " | cut -c\(offset + 1)-\(last)")
    cut.expression = expression.text
    cut.location = expression.location
    return ResolvedWord(symbol: cut)
  }

  /// The pattern a word stands for (3.5.8.1), or nil when part of it is unknown or the
  /// walk's text steps are spent.
  func pattern(of word: Word, _ context: WalkContext?, quiet: Bool = false) -> GlobPattern? {
    if !quiet, let context { _ = resolveRecorded(word, context) }
    var segments: [(text: String, active: Bool)] = []
    func add(_ parts: [WordPart], active: Bool) -> Bool {
      for part in parts {
        switch part.kind {
        case .literal(let text): segments.append((text, active))
        case .escaped(let text), .singleQuoted(let text), .ansiCQuoted(let text): segments.append((text, false))
        case .doubleQuoted(let inner): if !add(inner, active: false) { return false }
        case .parameter(let expansion):
          guard let text = expand(expansion, nil, quiet: true).literal else { return false }
          segments.append((text, active))
        default: return false
        }
      }
      return true
    }
    // Building the pattern reads its text once: counted like the match (`textWorkLimit`).
    guard add(word.parts, active: true), spendTextWork(segments.reduce(0) { $0 + $1.text.utf8.count }) else { return nil }
    return GlobPattern(segments: segments)
  }
}
