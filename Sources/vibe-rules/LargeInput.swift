import CMalloc
import Diagnostics
import ProjectModel

/// Inputs large enough that vibe-rules gives up a little time to keep its memory down.
///
/// Two choices depend on it:
/// - glibc malloc gives each thread that allocates an arena of its own (up to 8 per core),
///   and memory freed in one arena serves only the threads that use it. On the 1 MB
///   benchmark template the peak resident set is 50 to 58 MiB with an arena per thread,
///   and 44 MiB with one shared arena, in the same time. On this repository's files one
///   arena costs about 2 ms of a 20 ms run (threads waiting for its lock). So only large
///   inputs share one arena (`limitMallocArenas(arguments:)`; mallopt(3), `M_ARENA_MAX`).
/// - `report` frees the project before rendering only for large inputs (`Report`).
///
/// Figures: benchmarks/RESULTS.md.
enum LargeInput {
  /// Large means more than this many bytes in all: 256 KiB, a template of about 125
  /// resources.
  static let bytes = 256 * 1024

  /// The file options whose files the loaders hold in memory, with their defaults.
  static let fileOptions = [
    ("--template", ProjectOptions.defaultTemplate), ("--samconfig", ProjectOptions.defaultSamconfig),
    ("--deploy-script", ProjectOptions.defaultDeployScript), ("--requirements", ProjectOptions.defaultRequirements),
  ]

  /// Limits malloc to one arena when the files `arguments` name (or their defaults under
  /// `--root`) are large. `main` calls this before it starts any other thread: glibc fixes
  /// the arena limit when a second thread first allocates, which is before
  /// swift-argument-parser has read the command line, so the arguments are read here
  /// directly. A wrong guess (a file named only in `.vibe-rules.yaml`) costs memory or
  /// time, never a different report.
  static func limitMallocArenas(arguments: [String]) {
    if namedBytes(arguments) > bytes { _ = vibe_rules_limit_malloc_arenas(1) }
  }

  /// The bytes of the files `fileOptions` name in `arguments` (`--name value` or
  /// `--name=value`, the last one given, options before `--` only), or of their defaults;
  /// paths are relative to `--root` unless absolute. Files that do not exist count 0.
  static func namedBytes(_ arguments: [String]) -> Int {
    let options = arguments.prefix { $0 != "--" }
    func value(_ name: String) -> String? {
      var found: String?
      for (index, argument) in options.enumerated() {
        if argument == name, index + 1 < options.count {
          found = options[options.startIndex + index + 1]
        } else if argument.hasPrefix(name + "=") {
          found = String(argument.dropFirst(name.count + 1))
        }
      }
      return found
    }
    let root = value("--root") ?? "."
    return fileOptions.reduce(0) { total, option in
      let path = value(option.0) ?? option.1
      return total + (FileBytes.size(of: path.hasPrefix("/") ? path : root + "/" + path) ?? 0)
    }
  }

  /// Whether files of `inputBytes` in all are large.
  static func isLarge(inputBytes: Int) -> Bool { inputBytes > bytes }
}
