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
/// - `report` frees the project before rendering only for a large run (`Report`).
///
/// Figures: benchmarks/RESULTS.md.
enum LargeInput {
  /// Large means more than this many bytes in all: 256 KiB, a template of about 125
  /// resources.
  static let bytes = 256 * 1024

  /// Whether this run's input is large: the files the command line names (`namedBytes`)
  /// hold more than `bytes`. Worked out once, when `main` first asks
  /// (`limitMallocArenas`), before swift-argument-parser has read the command line, so
  /// from `CommandLineGuess`. A wrong guess costs memory or time, never a different report.
  static let isLargeRun = namedBytes(CommandLineGuess.options) > bytes

  /// Limits malloc to one arena for a large run. `main` calls this before it starts any
  /// other thread: glibc fixes the arena limit when a second thread first allocates.
  static func limitMallocArenas() {
    if isLargeRun { _ = vibe_rules_limit_malloc_arenas(1) }
  }

  /// The bytes of the files the loaders hold in memory whole (template, samconfig, deploy
  /// script, requirements) that `options` name, with the defaults for the rest, as
  /// `Project.load` will find them. Files that do not exist count 0.
  static func namedBytes(_ options: ProjectOptions) -> Int {
    let files = [
      options.template ?? ProjectOptions.firstPresent(ProjectOptions.defaultTemplates, root: options.root),
      options.samconfig ?? ProjectOptions.firstPresent(ProjectOptions.defaultSamconfigs, root: options.root),
      options.deployScript ?? ProjectOptions.defaultDeployScript, options.requirements ?? ProjectOptions.defaultRequirements,
    ]
    return files.reduce(0) { total, path in
      total + (FileBytes.size(of: ArtifactFile.join(options.root, path)) ?? 0)
    }
  }
}
