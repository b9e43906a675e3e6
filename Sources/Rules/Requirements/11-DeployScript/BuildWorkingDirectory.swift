import Foundation
import ShellScriptModel

/// The directory a deploy script's command runs in, as a path relative to the script's own
/// directory, when the script decides it.
///
/// The script starts where the user runs it; the usage `./deploy.sh <env>` is taken to mean
/// its own directory. A `cd`/`pushd` in the main shell before the command moves it: to the
/// script's directory when the target is the usual idiom (`$(dirname "${BASH_SOURCE[0]}")`
/// or `$0`, possibly through `$(cd ... && pwd)` held in a variable), or relative to the
/// previous directory for a literal relative path. Anything else is unknown.
enum BuildWorkingDirectory {
  enum Resolution: Equatable {
    /// Path components relative to the script's directory (`[]` is that directory; `..`
    /// components are kept when they climb above it).
    case relative([String])
    /// Why the directory cannot be read statically.
    case unknown(String)
  }

  /// The directory after each `cd`/`pushd` of the main shell, in run order: worked out
  /// once per evaluation, so that each command's directory is a binary search instead of
  /// a scan of every command before it (40,000 `docker build` lines, a 600 KB deploy.sh,
  /// had taken 36 s, and `sam deploy` lines longer).
  ///
  /// At most `maximumMoves` moves are followed; after them the directory is unknown.
  struct Track {
    /// The most moves followed (real deploy scripts make a few): each keeps its directory,
    /// so the track holds at most this many paths.
    static let maximumMoves = 1_000

    /// Run order of each move followed, ascending, and the directory after it.
    private var orders: [Int] = []
    private var directories: [Resolution] = []

    init(_ evaluation: Evaluation) {
      var directory = Resolution.relative([])
      for move in evaluation.commands where (move.isCommand("cd") || move.isCommand("pushd")) && !move.context.isInSubshell {
        let operands = move.positionalArguments.filter { !($0.literal?.hasPrefix("-") ?? false) }
        if orders.count == Self.maximumMoves {
          directory = .unknown("the script changes directory more than \(Self.maximumMoves) times (line \(move.location.line)); vibe-rules follows the first \(Self.maximumMoves)")
        } else if let target = operands.first?.value {
          directory = resolve(target, from: directory, line: move.location.line)
        } else {
          directory = .unknown("`\(move.name.text)` without a directory goes to $HOME (line \(move.location.line))")
        }
        orders.append(move.order)
        directories.append(directory)
        // Past the last move followed, the directory stays unknown.
        if orders.count > Self.maximumMoves { break }
      }
    }

    /// The directory `command` runs in: the one after the last move that runs before it.
    func before(_ command: CommandInvocation) -> Resolution {
      var (low, high) = (0, orders.count)
      while low < high {
        let middle = (low + high) / 2
        if orders[middle] < command.order { low = middle + 1 } else { high = middle }
      }
      return low == 0 ? .relative([]) : directories[low - 1]
    }
  }

  private static func resolve(_ target: ResolvedWord, from current: Resolution, line: Int) -> Resolution {
    if let literal = target.literal {
      if literal.hasPrefix("/") || literal.hasPrefix("~") || literal == "-" {
        return .unknown("`cd \(literal)` (line \(line)) leaves the repository's tree")
      }
      guard case .relative(let components) = current else { return current }
      return .relative(normalized(components + split(literal)))
    }
    guard case .symbol(let symbol)? = target.pieces.first, isScriptDirectory(symbol) else {
      return .unknown("`cd \(target.description)` (line \(line)) goes to a directory only known at run time")
    }
    let rest = target.pieces.dropFirst().map { piece -> String? in
      if case .literal(let text) = piece { return text }
      return nil
    }
    guard rest.allSatisfy({ $0 != nil }) else { return .unknown("`cd \(target.description)` (line \(line)) goes to a directory only known at run time") }
    return .relative(normalized(split(rest.compactMap { $0 }.joined())))
  }

  /// `$(dirname "${BASH_SOURCE[0]}")`, `$(cd "$(dirname "$0")" && pwd)` and the like.
  static func isScriptDirectory(_ symbol: Symbol) -> Bool {
    guard let command = symbol.command, command.containsText("dirname") else { return false }
    return command.containsText("BASH_SOURCE") || command.containsText("$0") || command.containsText("${0}")
  }

  /// `path` (absolute, standardized) relative to `root` when under it, else as is.
  static func display(_ path: String, root: String) -> String {
    let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
    guard path.hasPrefix(rootPath) else { return path }
    let relative = path.dropFirst(rootPath.count).drop { $0 == "/" }
    return relative.isEmpty ? "." : String(relative)
  }

  /// The file `value`, a path operand of `command`, names (absolute, standardized): an
  /// absolute literal; a literal relative to the directory the script is in at
  /// `command` (`Track.before`); or the script's directory (`"$REPO_ROOT/infra/x"`) followed
  /// by literal text. `.unknown` with the reason otherwise.
  static func file(_ value: ResolvedWord, of command: CommandInvocation, in track: Track, scriptDirectory: URL) -> File {
    func under(_ components: [String]) -> File {
      .path(components.reduce(scriptDirectory) { $0.appendingPathComponent($1) }.standardizedFileURL.path)
    }
    if let literal = value.literal {
      if literal.hasPrefix("/") { return .path(URL(fileURLWithPath: literal).standardizedFileURL.path) }
      switch track.before(command) {
      case .relative(let directory): return under(normalized(directory + split(literal)))
      case .unknown(let reason): return .unknown(reason)
      }
    }
    let unknown = File.unknown("\(value.description) at line \(command.location.line) is only known at run time")
    guard case .symbol(let symbol)? = value.pieces.first, isScriptDirectory(symbol) else { return unknown }
    let rest = value.pieces.dropFirst().map { piece -> String? in
      if case .literal(let text) = piece { return text }
      return nil
    }
    guard rest.allSatisfy({ $0 != nil }) else { return unknown }
    return under(normalized(split(rest.compactMap { $0 }.joined())))
  }

  enum File: Equatable {
    case path(String)
    case unknown(String)
  }

  static func split(_ path: String) -> [String] {
    path.split(separator: "/").map(String.init)
  }

  /// Removes `.` and folds `x/..`; leading `..` stay.
  static func normalized(_ components: [String]) -> [String] {
    var result: [String] = []
    for component in components where component != "." && !component.isEmpty {
      if component == "..", let last = result.last, last != ".." {
        result.removeLast()
      } else {
        result.append(component)
      }
    }
    return result
  }
}
