/// What a build variable (ARG or ENV) holds when a word is expanded.
public enum VariableValue: Sendable, Hashable {
  /// A value known statically: an ENV, an ARG default, or a given build argument.
  case value(String)
  /// Declared, but its value is not known statically (an `ARG` without a default whose
  /// `--build-arg` is not known, or a value that itself depends on one).
  case unknown
}

/// A word after BuildKit's quote removal and `$` substitution, or why it could not be
/// computed.
public enum ExpandedValue: Sendable, Hashable, CustomStringConvertible {
  case resolved(String)
  /// `expression` is the text as written; `reason` says which variable or form is unknown.
  case unresolved(expression: String, reason: String)

  /// The value, if it is known.
  public var resolvedValue: String? {
    if case .resolved(let value) = self { return value }
    return nil
  }

  public var description: String {
    switch self {
    case .resolved(let value): value
    case .unresolved(let expression, _): expression
    }
  }
}

/// The variables visible to one instruction, and the expansion BuildKit applies to the
/// words of FROM, ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and
/// ARG defaults.
///
/// A name missing from `values` is unset (it expands to the empty string, as in BuildKit).
/// See "Environment replacement" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#environment-replacement).
public struct VariableScope: Sendable, Hashable {
  public private(set) var values: [String: VariableValue]
  /// What the expansions of this scope and every scope copied from it may still make:
  /// one budget per replay of a Dockerfile (`ImageFactsBuilder`); nil, unbounded.
  var budget: ExpansionBudget?

  public init(_ values: [String: VariableValue] = [:]) {
    self.values = values
  }

  public static func == (lhs: VariableScope, rhs: VariableScope) -> Bool { lhs.values == rhs.values }

  public func hash(into hasher: inout Hasher) { hasher.combine(values) }

  public subscript(name: String) -> VariableValue? {
    get { values[name] }
    set { values[name] = newValue }
  }

  /// The longest expansion computed, in UTF-8 bytes (1 MiB, as the template evaluator's
  /// `maximumComputedLength`): a longer one is left unresolved, so `ENV A=$A$A` repeated
  /// cannot double a value until memory runs out.
  public static let maximumExpandedLength = 1 << 20

  /// Expands `word` (quotes removed, escapes applied, variables substituted).
  ///
  /// A malformed substitution (`${`, `${:}`, `${X?must be set}` with X unset…) gives
  /// `.unresolved` with the lexer's message; `Dockerfile.parse` has already rejected
  /// malformed substitutions in the instructions it expands.
  public func expand(_ word: String, escapeToken: Unicode.Scalar = "\\") -> ExpandedValue {
    // A word without quotes, escapes or `$` is its own expansion (the lexer would copy it
    // scalar by scalar); most words in a Dockerfile are such.
    if !word.unicodeScalars.contains(where: { $0 == "$" || $0 == "'" || $0 == "\"" || $0 == escapeToken }) {
      return .resolved(word)
    }
    if budget?.isSpent == true { return Self.overBudget(word) }
    do {
      let output = try lexer(escapeToken).process(word)
      if let reason = output.unresolvedReasons.first {
        return .unresolved(expression: word, reason: reason)
      }
      guard !output.exceedsLength, output.word.utf8.count <= Self.maximumExpandedLength else { return Self.tooLong(word) }
      budget?.spend(output.word.utf8.count)
      return .resolved(output.word)
    } catch {
      return .unresolved(expression: word, reason: error.message)
    }
  }

  /// Expands `word` and splits the result into shell words (used for EXPOSE and VOLUME).
  public func expandWords(_ word: String, escapeToken: Unicode.Scalar = "\\") -> [ExpandedValue] {
    if budget?.isSpent == true { return [Self.overBudget(word)] }
    do {
      let output = try lexer(escapeToken).process(word)
      if let reason = output.unresolvedReasons.first {
        return [.unresolved(expression: word, reason: reason)]
      }
      let length = output.words.reduce(0, { $0 + $1.utf8.count })
      guard !output.exceedsLength, length <= Self.maximumExpandedLength else { return [Self.tooLong(word)] }
      budget?.spend(length)
      return output.words.map { .resolved($0) }
    } catch {
      return [.unresolved(expression: word, reason: error.message)]
    }
  }

  private static func overBudget(_ word: String) -> ExpandedValue {
    .unresolved(expression: word, reason: "the Dockerfile's variable expansions make more than \(ExpansionBudget.maximumTotal) bytes in all; not computed")
  }

  private static func tooLong(_ word: String) -> ExpandedValue {
    .unresolved(expression: word, reason: "expands to more than \(maximumExpandedLength) bytes; not computed")
  }

  private func lexer(_ escapeToken: Unicode.Scalar) -> ShellLexer {
    let values = self.values
    var lexer = ShellLexer(escapeToken: escapeToken, lookup: { values[$0] })
    lexer.maximumSubstituted = Self.maximumExpandedLength
    return lexer
  }

  /// Checks that `word`'s substitutions are well formed, whatever the variables hold.
  static func syntaxError(in word: String, escapeToken: Unicode.Scalar) -> ShellLexer.Failure? {
    let lexer = ShellLexer(escapeToken: escapeToken, lookup: { _ in .unknown })
    do {
      _ = try lexer.process(word)
      return nil
    } catch {
      return error
    }
  }
}

/// What the variable expansions of one replay of a Dockerfile may make in all: 4 MiB of
/// expanded text (a real Dockerfile expands kilobytes; an unquoted expansion costs about
/// 250 ns a byte, so this is about a second). Each expansion is bounded by
/// `VariableScope.maximumExpandedLength`, but a Dockerfile may ask for many: 4,000
/// `ENV Vi=${Vi-1}x…` lines had made 160 MB in 22 s, one line of 100 unquoted references
/// to a 960 KB variable 15 s, 16,000 quoted ones 6.2 GB. Past it, expansions stay
/// unresolved ("not computed"). One replay runs on one thread.
final class ExpansionBudget: @unchecked Sendable {
  static let maximumTotal = 4 << 20

  private var left = ExpansionBudget.maximumTotal

  var isSpent: Bool { left <= 0 }

  func spend(_ bytes: Int) { left -= bytes }
}
