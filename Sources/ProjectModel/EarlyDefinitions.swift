import Diagnostics
import Foundation

extension Project {
  /// Starts reading the requirement catalogue and the template that `load(options)`
  /// reads first, on a thread of another core, and returns at once. `vibe-rules` calls it
  /// before it parses its command line (1.5 to 3 ms, on one core), with the file options
  /// it expects the command line and `.vibe-rules.yaml` to give; `load` takes what was
  /// read when its own options name the same root, template and catalogue, and reads
  /// them itself otherwise, so a wrong expectation costs time on the other core, never a
  /// different result. Errors are kept and raised by `load` in its usual order. Each call
  /// starts one reading, kept until the process ends (`vibe-rules` makes one).
  public static func readDefinitionsAhead(_ options: ProjectOptions) {
    EarlyDefinitions.start(options)
  }
}

/// The catalogue and template read ahead of `Project.load` (`readDefinitionsAhead`).
enum EarlyDefinitions {
  /// Both reads, each with its own error, each awaited apart: `load` raises a catalogue
  /// error (or the configuration's) without waiting for the template, and the template is
  /// not read after a catalogue error (`load` would never look at it: a broken catalogue
  /// beside a 12 MB template had taken 6 s and 266 MB, adversarial finding).
  final class Reading: Sendable {
    private let catalogueResult = AwaitedValue<Result<Project.Definitions.Catalogue, InputError>>()
    private let templateResult = AwaitedValue<Result<Project.Definitions.TemplatePart?, InputError>>()

    fileprivate init(_ options: ProjectOptions) {
      AnotherCore.start { [catalogueResult, templateResult] in
        let catalogue = Result { () throws(InputError) in try Project.Definitions.readCatalogue(options) }
        catalogueResult.set(catalogue)
        guard case .success = catalogue else { return templateResult.set(.success(nil)) }
        templateResult.set(Result { () throws(InputError) in try Project.Definitions.readTemplate(options) })
      }
    }

    /// The catalogue, once read (waits for it).
    var catalogue: Result<Project.Definitions.Catalogue, InputError> { catalogueResult.value }

    /// The template, once read (waits for it).
    var template: Result<Project.Definitions.TemplatePart?, InputError> { templateResult.value }
  }

  private static let lock = NSLock()
  /// The readings started, each for its options; read and written under `lock`.
  nonisolated(unsafe) private static var started: [(options: ProjectOptions, reading: Reading)] = []

  static func start(_ options: ProjectOptions) {
    let reading = Reading(options)
    lock.lock()
    defer { lock.unlock() }
    started.append((options, reading))
  }

  /// The reading started for the files `options` name (the same root, template and
  /// catalogue options), or nil.
  static func reading(_ options: ProjectOptions) -> Reading? {
    lock.lock()
    defer { lock.unlock() }
    return started.last { $0.options.root == options.root && $0.options.template == options.template && $0.options.requirements == options.requirements }?.reading
  }
}
