import Diagnostics

/// One command run by the script, in an evaluation's order, with resolved words.
///
/// Shape for `timeout 900 aws ecs wait services-stable --cluster "$C"` at 30:3 with
/// C unknown: `words` are all six words; `commandIndex == 2`; `name` is `aws`;
/// `arguments` are `ecs wait services-stable --cluster $C`; `wrappers == [timeout 900]`;
/// `location` is 30:15 (the `aws` word). `[[ ... ]]` and `(( ... ))` appear as commands
/// named `[[` and `((`. Commands inside command substitutions come before the command
/// whose word contains them.
public struct CommandInvocation: Sendable, Hashable {
  /// What kind of command this is.
  public enum Kind: Sendable, Hashable {
    /// A simple command.
    case simple
    /// `[[ ... ]]`: the words between the brackets are the arguments.
    case conditional
    /// `(( ... ))`: one argument, the expression text.
    case arithmetic
  }

  /// The fields, behind one reference (copy on write).
  ///
  /// Why: rules walk `Evaluation.commands` thousands of times per report, and every
  /// `for command in commands` or `filter` copies each element. With fifteen stored fields
  /// (most of them arrays and strings) a copy cost about eight retains and as many
  /// releases; with the fields in one box it costs one. Values keep their semantics:
  /// a setter copies the box first when it is shared.
  private final class Storage: @unchecked Sendable {
    var kind: Kind
    var words: [Word]
    var resolvedWords: [ResolvedWord]
    var commandIndex: Int
    var assignments: [Assignment]
    var redirections: [Redirection]
    var location: SourceLocation
    var statementLocation: SourceLocation
    var context: CommandContext
    var errexit: ErrexitStatus
    var options: ShellOptions
    var callStack: [String]
    var calledFunction: String?
    var order: Int
    var inheritedRedirections: [Redirection]
    var shadowing: [CommandShadowing]
    /// `CommandInvocation.commandName`, worked out when the words or the index change.
    var commandName: String?

    init(
      kind: Kind, words: [Word], resolvedWords: [ResolvedWord], commandIndex: Int, assignments: [Assignment],
      redirections: [Redirection], location: SourceLocation, statementLocation: SourceLocation,
      context: CommandContext, errexit: ErrexitStatus, options: ShellOptions, callStack: [String],
      calledFunction: String?, order: Int, inheritedRedirections: [Redirection] = [], shadowing: [CommandShadowing] = []
    ) {
      self.shadowing = shadowing
      self.kind = kind
      self.words = words
      self.resolvedWords = resolvedWords
      self.commandIndex = commandIndex
      self.assignments = assignments
      self.redirections = redirections
      self.location = location
      self.statementLocation = statementLocation
      self.context = context
      self.errexit = errexit
      self.options = options
      self.callStack = callStack
      self.calledFunction = calledFunction
      self.order = order
      self.inheritedRedirections = inheritedRedirections
      commandName = commandIndex < resolvedWords.count ? Self.commandName(resolvedWords[commandIndex]) : nil
    }

    /// The last path component of a known command name (`/usr/local/bin/aws` → `aws`).
    static func commandName(_ name: ResolvedWord) -> String? {
      guard let literal = name.literal else { return nil }
      // Most names have no slash, and the split below builds an array of every component.
      guard literal.utf8.contains(UInt8(ascii: "/")) else { return literal }
      return literal.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? literal
    }

    func copy() -> Storage {
      Storage(
        kind: kind, words: words, resolvedWords: resolvedWords, commandIndex: commandIndex,
        assignments: assignments, redirections: redirections, location: location,
        statementLocation: statementLocation, context: context, errexit: errexit, options: options,
        callStack: callStack, calledFunction: calledFunction, order: order,
        inheritedRedirections: inheritedRedirections, shadowing: shadowing)
    }
  }

  private var storage: Storage

  private mutating func uniqueStorage() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }

  init(
    kind: Kind, words: [Word], resolvedWords: [ResolvedWord], commandIndex: Int, assignments: [Assignment],
    redirections: [Redirection], location: SourceLocation, statementLocation: SourceLocation,
    context: CommandContext, errexit: ErrexitStatus, options: ShellOptions, callStack: [String],
    calledFunction: String?, order: Int, inheritedRedirections: [Redirection] = [], shadowing: [CommandShadowing] = []
  ) {
    storage = Storage(
      kind: kind, words: words, resolvedWords: resolvedWords, commandIndex: commandIndex,
      assignments: assignments, redirections: redirections, location: location,
      statementLocation: statementLocation, context: context, errexit: errexit, options: options,
      callStack: callStack, calledFunction: calledFunction, order: order,
      inheritedRedirections: inheritedRedirections, shadowing: shadowing
    )
  }

  public static func == (lhs: CommandInvocation, rhs: CommandInvocation) -> Bool {
    if lhs.storage === rhs.storage { return true }
    let a = lhs.storage, b = rhs.storage
    return a.kind == b.kind && a.words == b.words && a.resolvedWords == b.resolvedWords && a.commandIndex == b.commandIndex && a.assignments == b.assignments && a.redirections == b.redirections && a.location == b.location && a.statementLocation == b.statementLocation && a.context == b.context && a.errexit == b.errexit && a.options == b.options && a.callStack == b.callStack && a.calledFunction == b.calledFunction && a.order == b.order && a.inheritedRedirections == b.inheritedRedirections && a.shadowing == b.shadowing
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.kind)
    hasher.combine(storage.words)
    hasher.combine(storage.resolvedWords)
    hasher.combine(storage.commandIndex)
    hasher.combine(storage.assignments)
    hasher.combine(storage.redirections)
    hasher.combine(storage.location)
    hasher.combine(storage.statementLocation)
    hasher.combine(storage.context)
    hasher.combine(storage.errexit)
    hasher.combine(storage.options)
    hasher.combine(storage.callStack)
    hasher.combine(storage.calledFunction)
    hasher.combine(storage.order)
    hasher.combine(storage.inheritedRedirections)
    hasher.combine(storage.shadowing)
  }

  public var kind: Kind {
    get { storage.kind }
    set { uniqueStorage().kind = newValue }
  }
  /// Every word as written, wrappers included.
  public var words: [Word] {
    get { storage.words }
    set { uniqueStorage().words = newValue }
  }
  /// The value of each word, parallel to `words`.
  public var resolvedWords: [ResolvedWord] {
    get { storage.resolvedWords }
    set {
      let storage = uniqueStorage()
      storage.resolvedWords = newValue
      storage.commandName = storage.commandIndex < newValue.count ? Storage.commandName(newValue[storage.commandIndex]) : nil
    }
  }
  /// The index in `words` of the command that runs after any wrappers.
  public var commandIndex: Int {
    get { storage.commandIndex }
    set {
      let storage = uniqueStorage()
      storage.commandIndex = newValue
      storage.commandName = newValue < storage.resolvedWords.count ? Storage.commandName(storage.resolvedWords[newValue]) : nil
    }
  }
  /// Assignments written before the command (`AWS_PAGER= aws ...`).
  public var assignments: [Assignment] {
    get { storage.assignments }
    set { uniqueStorage().assignments = newValue }
  }
  /// Redirections of the simple command (`>out`, `2>&1`, here-documents).
  public var redirections: [Redirection] {
    get { storage.redirections }
    set { uniqueStorage().redirections = newValue }
  }
  /// Where the command name word is.
  public var location: SourceLocation {
    get { storage.location }
    set { uniqueStorage().location = newValue }
  }
  /// Where the statement holding the command starts.
  public var statementLocation: SourceLocation {
    get { storage.statementLocation }
    set { uniqueStorage().statementLocation = newValue }
  }
  /// The constructs around the command, outermost first (condition, branch, loop,
  /// function, subshell, pipeline and and-or positions, `!`, `&`).
  public var context: CommandContext {
    get { storage.context }
    set { uniqueStorage().context = newValue }
  }
  /// `set -e` at this command, and whether a failure here would end the script.
  public var errexit: ErrexitStatus {
    get { storage.errexit }
    set { uniqueStorage().errexit = newValue }
  }
  /// `errexit`, `pipefail`, `nounset`, `inherit_errexit` and `xtrace` at this command.
  public var options: ShellOptions {
    get { storage.options }
    set { uniqueStorage().options = newValue }
  }
  /// Functions being run, outermost first (execution order only).
  public var callStack: [String] {
    get { storage.callStack }
    set { uniqueStorage().callStack = newValue }
  }
  /// When the command is a function defined in the script: its name.
  public var calledFunction: String? {
    get { storage.calledFunction }
    set { uniqueStorage().calledFunction = newValue }
  }
  /// Position in the evaluation's `commands`.
  public var order: Int {
    get { storage.order }
    set { uniqueStorage().order = newValue }
  }
  /// Redirections that apply around the command, outermost first: of `exec` without a
  /// command earlier in the main shell, of enclosing compound statements (`{ ...; } >log`)
  /// and of the calls of the functions being run (`report >/dev/null`). The command's own
  /// are in `redirections`; see `Evaluation.standardOutput(of:)`.
  public var inheritedRedirections: [Redirection] {
    get { storage.inheritedRedirections }
    set { uniqueStorage().inheritedRedirections = newValue }
  }

  /// The constructs that can make this command not run as written, where it runs: a
  /// function that its first word calls instead of the command (`sam() { :; }`), an alias
  /// of its first word, a `PATH` change (also `PATH=/x cmd` and `env PATH=/x cmd`), `set
  /// -n`, a DEBUG or RETURN trap (or another trap whose action may change lookup),
  /// `source`/`.` of a file or `eval` earlier on its path, `enable` or `hash -p` of its
  /// name or a wrapper's, an assignment to a variable named only at run time, and, for a
  /// command with an unquoted expansion, an IFS that is not the default (see
  /// `CommandShadowing`). Empty when the command runs as written, as far as the files
  /// show. Constructs inside a subshell or a branch that does not reach the command are
  /// not included.
  public var shadowing: [CommandShadowing] { storage.shadowing }

  /// The innermost enclosing function, if any.
  public var functionName: String? { context.functionName }
  /// The command name as written.
  public var name: Word { words[commandIndex] }
  /// The value of the command name.
  public var resolvedName: ResolvedWord { resolvedWords[commandIndex] }
  /// The arguments of the effective command, as written.
  public var arguments: [Word] { Array(words[(commandIndex + 1)...]) }
  /// The values of `arguments`.
  public var resolvedArguments: [ResolvedWord] { Array(resolvedWords[(commandIndex + 1)...]) }
  /// The arguments with their values. A word that expands every element of an array
  /// (`"${BUILD_ARGS[@]}"`) gives one argument per element, as bash does: the evaluator
  /// joins the elements with blanks, so they are split at blanks again (an element that
  /// itself contains a blank is split too). All of them carry the array word.
  public var argumentList: [Argument] {
    var list: [Argument] = []
    list.reserveCapacity(words.count - commandIndex - 1)
    forEachArgument { argument in
      list.append(argument)
      return true
    }
    return list
  }

  /// Calls `body` with each argument of `argumentList` in order until it returns false,
  /// without building the list (`isSubcommand` mostly decides within the first few).
  func forEachArgument(_ body: (Argument) -> Bool) {
    let words = self.words
    let resolvedWords = self.resolvedWords
    for index in commandIndex + 1..<words.count {
      if words[index].isArrayElementsOnly {
        for field in resolvedWords[index].splitAtBlanks() where !body(Argument(word: words[index], value: field)) { return }
      } else if !body(Argument(word: words[index], value: resolvedWords[index])) {
        return
      }
    }
  }

  /// The command name's last path component when known (`/usr/local/bin/aws` → `aws`).
  ///
  /// Rules ask this tens of thousands of times per report, so it is worked out once, when
  /// the command is recorded (and again if `resolvedWords` or `commandIndex` is set).
  public var commandName: String? { storage.commandName }

  /// True when the command is `name` (compared by last path component).
  public func isCommand(_ name: String) -> Bool { commandName == name }

  /// The wrappers before the command, outermost first.
  public var wrappers: [Wrapper] {
    var result: [Wrapper] = []
    var start = 0
    for boundary in CommandInvocation.wrapperBoundaries(resolvedWords.map(\.literal)) where boundary <= commandIndex {
      let name = Argument(word: words[start], value: resolvedWords[start])
      let arguments = (start + 1..<boundary).map { Argument(word: words[$0], value: resolvedWords[$0]) }
      result.append(Wrapper(name: name, arguments: arguments))
      start = boundary
    }
    return result
  }

  /// The wrapper named `name` (`timeout`, `sudo` ...), if the command runs under one.
  public func wrapper(named name: String) -> Wrapper? {
    wrappers.first { $0.name.literal.map { $0 == name || $0.hasSuffix("/" + name) } ?? false }
  }

  // MARK: - Options and operands

  private func optionMatches(_ argument: Argument, _ names: [String]) -> (matched: Bool, inlineValue: ResolvedWord?) {
    for name in names {
      if argument.value.literal == name { return (true, nil) }
      if name.hasPrefix("--") || name.count > 2, argument.value.hasPrefix(name + "="),
        let (_, value) = argument.value.split(atFirst: "=")
      {
        return (true, value)
      }
    }
    return (false, nil)
  }

  /// The arguments before a `--` end-of-options marker.
  private var optionArguments: [Argument] {
    let list = argumentList
    if let stop = list.firstIndex(where: { $0.literal == "--" }) { return Array(list[..<stop]) }
    return list
  }

  /// True when any of `names` (`--config-env`, `-t`) is given, alone or as `--name=value`.
  public func hasFlag(_ names: String...) -> Bool {
    optionArguments.contains { optionMatches($0, names).matched }
  }

  /// Every value given to any of `names`: the word after `--name`, or the part after `=`
  /// in `--name=value`. `docker build -t a -t b` → `[a, b]` for `values(ofFlag: "-t", "--tag")`.
  public func values(ofFlag names: String...) -> [Argument] { values(names) }

  /// The first value of any of `names` (see `values(ofFlag:)`).
  public func value(ofFlag names: String...) -> Argument? { values(names).first }

  private func values(_ names: [String]) -> [Argument] {
    let list = optionArguments
    var result: [Argument] = []
    var position = 0
    while position < list.count {
      let (matched, inline) = optionMatches(list[position], names)
      if matched {
        if let inline {
          result.append(Argument(word: list[position].word, value: inline))
        } else if position + 1 < list.count {
          result.append(list[position + 1])
          position += 1
        }
      }
      position += 1
    }
    return result
  }

  /// The values of a many-valued option, read as SAM CLI's `OptionNargs` does: the
  /// `=value` (if any) and every following argument up to the next one starting with `-`.
  /// When the option is repeated, the last occurrence wins (click keeps the last value).
  public func arguments(afterFlag names: String...) -> [Argument]? {
    let list = optionArguments
    var result: [Argument]?
    var position = 0
    while position < list.count {
      let (matched, inline) = optionMatches(list[position], names)
      position += 1
      guard matched else { continue }
      var values: [Argument] = inline.map { [Argument(word: list[position - 1].word, value: $0)] } ?? []
      while position < list.count, !list[position].value.hasPrefix("-") {
        values.append(list[position])
        position += 1
      }
      result = values
    }
    return result
  }

  /// The operands: arguments that are not options, skipping the value after each option
  /// in `optionsWithValues` (written without `=`). Everything after `--` is an operand.
  public func positionalArguments(optionsWithValues: Set<String>) -> [Argument] {
    var result: [Argument] = []
    var skipNext = false
    var afterMarker = false
    for argument in argumentList {
      if afterMarker {
        result.append(argument)
      } else if skipNext {
        skipNext = false
      } else if argument.literal == "--" {
        afterMarker = true
      } else if argument.isOption {
        if let literal = argument.literal, optionsWithValues.contains(literal) { skipNext = true }
      } else {
        result.append(argument)
      }
    }
    return result
  }

  /// The operands, counting every non-option argument (see
  /// `positionalArguments(optionsWithValues:)` to skip option values).
  public var positionalArguments: [Argument] { positionalArguments(optionsWithValues: []) }

  /// The leading operands that look like subcommand names (`[a-z][a-z0-9-]*`), before any
  /// option: `aws ecr get-login-password --region x` → `["ecr", "get-login-password"]`;
  /// `docker buildx build -t ...` → `["buildx", "build"]`.
  public var subcommandPath: [String] {
    var path: [String] = []
    forEachArgument { argument in
      guard let literal = argument.literal, Self.looksLikeSubcommand(literal) else { return false }
      path.append(literal)
      return true
    }
    return path
  }

  /// True when the operands start with `path`, allowing options (and one value after an
  /// option written without `=`) in between: `isSubcommand("deploy")` for `sam deploy`,
  /// `isSubcommand("ecr", "get-login-password")` for `aws --region r ecr get-login-password`.
  public func isSubcommand(_ path: String...) -> Bool { isSubcommand(path: path) }

  func isSubcommand(path: [String]) -> Bool {
    var matched = 0
    var previousWasBareOption = false
    var mismatched = false
    forEachArgument { argument in
      guard matched < path.count else { return false }
      if argument.literal == path[matched] {
        matched += 1
        previousWasBareOption = false
      } else if argument.isOption {
        previousWasBareOption = !(argument.literal?.contains("=") ?? true)
      } else if previousWasBareOption {
        previousWasBareOption = false
      } else {
        mismatched = true
        return false
      }
      return true
    }
    return !mismatched && matched == path.count
  }

  static func looksLikeSubcommand(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first >= "a" && first <= "z" else { return false }
    return text.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
  }

  /// For `sam deploy`: the `Key=Value` items of `--parameter-overrides` in both forms (one
  /// quoted string or several words); nil when the option is not given.
  public var parameterOverrides: [ParameterOverride]? {
    guard let values = arguments(afterFlag: "--parameter-overrides") else { return nil }
    var result: [ParameterOverride] = []
    for argument in values {
      for item in argument.value.splitAtBlanks() {
        result.append(Self.parameterOverride(item, word: argument.word))
      }
    }
    return result
  }

  static func parameterOverride(_ item: ResolvedWord, word: Word) -> ParameterOverride {
    if item.hasPrefix("ParameterKey="), let (_, rest) = item.split(atFirst: "="),
      let (keyPart, valuePart) = rest.split(atFirst: ","), let key = keyPart.literal,
      valuePart.hasPrefix("ParameterValue="), let (_, value) = valuePart.split(atFirst: "=")
    {
      return ParameterOverride(key: unquote(key), value: unquote(value), item: item, word: word)
    }
    guard let (keyPart, value) = item.split(atFirst: "="), let key = keyPart.literal else {
      return ParameterOverride(key: nil, value: item, item: item, word: word)
    }
    return ParameterOverride(key: unquote(key), value: unquote(value), item: item, word: word)
  }

  static func unquote(_ text: String) -> String {
    guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
    return String(text.dropFirst().dropLast())
  }

  static func unquote(_ word: ResolvedWord) -> ResolvedWord {
    guard case .literal(let first)? = word.pieces.first, case .literal(let last)? = word.pieces.last,
      let open = first.first, open == "\"" || open == "'", last.last == open, !(word.pieces.count == 1 && first.count < 2)
    else { return word }
    var pieces = word.pieces
    if pieces.count == 1 {
      return ResolvedWord(literal: String(first.dropFirst().dropLast()))
    }
    pieces[0] = .literal(String(first.dropFirst()))
    pieces[pieces.count - 1] = .literal(String(last.dropLast()))
    return ResolvedWord(pieces: pieces)
  }

  /// For `local|export|declare|typeset|readonly NAME=value ...`: the assignments among
  /// the arguments. A command substitution in such a value has its exit status masked by
  /// the builtin's own (ShellCheck SC2155), so `set -e` and `$?` never see it fail.
  public var declarationAssignments: [Assignment] {
    guard let name = commandName, SimpleCommand.declarationBuiltins.contains(name) else { return [] }
    return arguments.compactMap(Assignment.init(word:))
  }

  /// For `command -v X`, `command -V X`, `which X`, `type X`, `hash X`: the command names it
  /// checks for; empty for other commands.
  /// Operands that are a loop variable over names count each name
  /// (`for t in aws sam; do command -v "$t"`).
  /// (The name is checked before the operands are expanded: rules ask every command.)
  public var checkedCommandNames: [String] {
    var operands: [String] { argumentList.filter { !$0.isOption }.flatMap { $0.value.possibleValues() ?? [] } }
    switch commandName {
    case "command":
      guard argumentList.contains(where: { $0.literal == "-v" || $0.literal == "-V" }) else { return [] }
      return operands
    case "which", "type", "hash":
      return operands
    default:
      return []
    }
  }

  /// Where each wrapper ends (the index of the word it runs) for literal `words`.
  static func wrapperBoundaries(_ words: [String?]) -> [Int] {
    var boundaries: [Int] = []
    var index = 0
    for _ in 0..<8 {
      guard index < words.count, let word = words[index] else { break }
      let name = word.utf8.contains(UInt8(ascii: "/")) ? word.split(separator: "/").last.map(String.init) ?? word : word
      var next = index + 1
      func skipOptions(withValues: Set<String> = []) {
        while next < words.count, let option = words[next], option.hasPrefix("-"), option != "-" {
          next += 1
          if option == "--" { break }
          if withValues.contains(option) { next += 1 }
        }
      }
      switch name {
      case "command":
        if next < words.count, words[next] == "-v" || words[next] == "-V" { return boundaries }
        skipOptions()
      case "builtin", "nohup":
        skipOptions()
      case "exec":
        skipOptions(withValues: ["-a"])
      case "time":
        skipOptions()
      case "nice":
        skipOptions(withValues: ["-n", "--adjustment"])
      case "sudo":
        skipOptions(withValues: ["-u", "-g", "-h", "-p", "-C", "-U", "-r", "-t", "-T", "-D"])
      case "env":
        while next < words.count, let option = words[next] {
          if option == "-u" || option == "--unset" || option == "-C" || option == "--chdir" {
            next += 2
          } else if option.hasPrefix("-") || (option.contains("=") && Lexical.isName(option.prefix { $0 != "=" })) {
            next += 1
          } else {
            break
          }
        }
      case "timeout":
        skipOptions(withValues: ["-s", "--signal", "-k", "--kill-after"])
        next += 1
      default:
        return boundaries
      }
      guard next < words.count else { return boundaries }
      boundaries.append(next)
      index = next
    }
    return boundaries
  }
}
