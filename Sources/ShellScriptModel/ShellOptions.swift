import Diagnostics

/// The shell options that change how failures propagate (Bash Reference Manual,
/// 4.3.1 "The Set Builtin" and 4.3.2 "The Shopt Builtin").
///
/// A value type whose five states live in one shared box, copied on write: every
/// statement record and command of a walk keeps the options in effect, which change a few
/// times in a script, so the copies share a box instead of holding five `OptionState`s
/// inline (about 200 bytes twice per record; 64 config envs of a 50,000-line script had
/// kept 1.1 GB of records).
public struct ShellOptions: Sendable, Hashable {
  /// `set -e` / `set -o errexit`.
  public var errexit: OptionState {
    get { box.states.errexit }
    set { uniqueBox().states.errexit = newValue }
  }
  /// `set -u` / `set -o nounset`.
  public var nounset: OptionState {
    get { box.states.nounset }
    set { uniqueBox().states.nounset = newValue }
  }
  /// `set -o pipefail`.
  public var pipefail: OptionState {
    get { box.states.pipefail }
    set { uniqueBox().states.pipefail = newValue }
  }
  /// `shopt -s inherit_errexit`: command substitutions keep `-e` (otherwise bash clears it
  /// in them, 3.5.4). `set -o posix` has the same effect.
  public var inheritErrexit: OptionState {
    get { box.states.inheritErrexit }
    set { uniqueBox().states.inheritErrexit = newValue }
  }
  /// `set -x` / `set -o xtrace`.
  public var xtrace: OptionState {
    get { box.states.xtrace }
    set { uniqueBox().states.xtrace = newValue }
  }

  /// The five states, compared and hashed as one value.
  private struct States: Hashable {
    var errexit = OptionState.off
    var nounset = OptionState.off
    var pipefail = OptionState.off
    var inheritErrexit = OptionState.off
    var xtrace = OptionState.off
  }

  /// The box copies share. Written only through `uniqueBox()`, so a box shared by copies
  /// is never changed (what makes sharing it across threads safe).
  private final class Box: @unchecked Sendable {
    var states: States

    init(_ states: States) { self.states = states }
  }

  private var box = Box(States())

  private mutating func uniqueBox() -> Box {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.states) }
    return box
  }

  public init() {}

  public static func == (lhs: ShellOptions, rhs: ShellOptions) -> Bool {
    lhs.box === rhs.box || lhs.box.states == rhs.box.states
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(box.states) }

  /// Applies `set` option words (`-euo pipefail`, `+e`, `-o errexit`), as written at `location`.
  /// Returns the index of the first operand (positional parameter) if any, and whether
  /// `--` or an operand appeared (which replaces the positional parameters).
  @discardableResult
  mutating func applySet(_ words: [String], at location: SourceLocation) -> (operandsStart: Int?, replacesPositional: Bool) {
    var index = 0
    while index < words.count {
      let word = words[index]
      if word == "--" { return (index + 1, true) }
      if word == "-" { return (index + 1, index + 1 < words.count) }
      guard word.count > 1, let sign = word.first, sign == "-" || sign == "+" else { return (index, true) }
      let enable = sign == "-"
      for letter in word.dropFirst() {
        if letter == "o" {
          index += 1
          if index < words.count { setLong(words[index], enable, at: location) }
        } else {
          setShort(letter, enable, at: location)
        }
      }
      index += 1
    }
    return (nil, false)
  }

  mutating func setShort(_ letter: Character, _ enable: Bool, at location: SourceLocation) {
    let state = OptionState(isEnabled: enable, setAt: location)
    switch letter {
    case "e": errexit = state
    case "u": nounset = state
    case "x": xtrace = state
    default: break
    }
  }

  mutating func setLong(_ name: String, _ enable: Bool, at location: SourceLocation) {
    let state = OptionState(isEnabled: enable, setAt: location)
    switch name {
    case "errexit": errexit = state
    case "nounset": nounset = state
    case "pipefail": pipefail = state
    case "xtrace": xtrace = state
    case "posix": if enable { inheritErrexit = state }
    default: break
    }
  }

  /// Options where `paths` disagree are marked uncertain (enabled only if all enable them).
  static func merge(_ paths: [ShellOptions]) -> ShellOptions {
    guard var result = paths.first else { return ShellOptions() }
    func merged(_ key: WritableKeyPath<ShellOptions, OptionState>) {
      // Paths mostly agree: compare before building the list of states.
      let first = result[keyPath: key]
      if paths.allSatisfy({ $0[keyPath: key] == first }) { return }
      let states = paths.map { $0[keyPath: key] }
      let enabled = states.allSatisfy(\.isEnabled)
      result[keyPath: key] = OptionState(isEnabled: enabled, setAt: states.first { $0.isEnabled == enabled }?.setAt, isCertain: false)
    }
    merged(\.errexit)
    merged(\.nounset)
    merged(\.pipefail)
    merged(\.inheritErrexit)
    merged(\.xtrace)
    return result
  }
}
