import Diagnostics

/// Checks COPY and ADD sources against the build context and its `.dockerignore`.
///
/// Every COPY/ADD source in every stage is checked, except `COPY --from=…`, remote ADD
/// sources (URLs, Git) and heredocs. Sources are expanded with the stage's variables,
/// taken relative to the context root (a leading `/` and `..` cannot leave it), then:
/// a plain path must not be excluded by the ignore file (a directory that is excluded but
/// still has re-included files is fine) and must exist; a glob (`*.txt`) must match at
/// least one context entry that is not excluded. See "COPY" and "Build context"
/// (https://docs.docker.com/build/concepts/context/). The matching of one check takes at
/// most `DockerIgnore.matchBudget` steps; a source it leaves undecided is
/// `contextIncomplete`.
public enum BuildContext {
  /// The most entries the context walk lists before it stops.
  public static let maximumEntries = 200_000

  /// The problems found; empty when every source is available. `matchBudget`: the steps
  /// the check's pattern matching may take (`DockerIgnore.match(path:budget:)`).
  public static func check(
    dockerfile: Dockerfile, contextDirectory: String, dockerignore: DockerIgnore?, maximumEntries: Int = maximumEntries,
    matchBudget: Int = DockerIgnore.matchBudget
  ) -> [BuildContextProblem] {
    var problems: [BuildContextProblem] = []
    var walker: ContextWalker?
    var budget = matchBudget
    func listing() -> ContextWalker {
      if let walker { return walker }
      let made = ContextWalker(root: contextDirectory, limit: maximumEntries)
      walker = made
      return made
    }
    for stageSources in ImageFactsBuilder(dockerfile: dockerfile, buildArguments: .unknown).contextSourcesOfAllStages() {
      for copy in stageSources {
        let problem = check(copy, root: contextDirectory, ignore: dockerignore, listing: listing, budget: &budget, of: matchBudget)
        if let problem { problems.append(problem) }
      }
    }
    return problems
  }

  private static func check(
    _ copy: ImageFacts.ContextSource, root: String, ignore: DockerIgnore?, listing: () -> ContextWalker, budget: inout Int, of total: Int
  ) -> BuildContextProblem? {
    func problem(_ kind: BuildContextProblem.Kind) -> BuildContextProblem {
      BuildContextProblem(source: copy.written, location: copy.location, kind: kind)
    }
    func undecided() -> BuildContextProblem {
      problem(.contextIncomplete(reason: "matching the build context against its patterns takes more than \(total) steps"))
    }
    guard case .resolved(let expanded) = copy.source else {
      if case .unresolved(_, let reason) = copy.source { return problem(.unresolved(reason: reason)) }
      return nil
    }
    var path = PathClean.clean("/" + expanded)
    path.removeFirst()
    if path.isEmpty { path = "." }
    if PathPattern.hasGlob(path) {
      let pattern: PathPattern
      do {
        pattern = try PathPattern.glob(path)
      } catch {
        return problem(.invalidPattern(reason: error.message))
      }
      let walk = listing()
      var matches: [ContextWalker.Entry] = []
      for entry in walk.entries {
        guard let matched = pattern.matches(entry.path, budget: &budget) else { return undecided() }
        if matched { matches.append(entry) }
      }
      if matches.isEmpty {
        return walk.isComplete ? problem(.globMatchedNothing) : problem(.contextIncomplete(reason: walk.notes.joined(separator: "; ")))
      }
      guard let ignore else { return nil }
      var firstExcluder: Located<String>?
      for entry in matches {
        guard let verdict = ignore.match(path: entry.path, budget: &budget) else { return undecided() }
        if !verdict.excluded { return nil }
        if entry.isDirectory {
          guard let keeps = hasIncludedDescendant(entry.path, ignore: ignore, walk: walk, budget: &budget) else { return undecided() }
          if keeps { return nil }
        }
        if firstExcluder == nil { firstExcluder = verdict.pattern }
      }
      return firstExcluder.map { problem(.globMatchesOnlyExcluded(pattern: $0)) }
    }
    if let ignore, path != "." {
      guard let verdict = ignore.match(path: path, budget: &budget) else { return undecided() }
      if verdict.excluded, let pattern = verdict.pattern {
        var keeps = false
        if ContextWalker.isDirectory(path, in: root) {
          guard let found = hasIncludedDescendant(path, ignore: ignore, walk: listing(), budget: &budget) else { return undecided() }
          keeps = found
        }
        if !keeps { return problem(.excluded(pattern: pattern)) }
      }
    }
    return ContextWalker.exists(path, in: root) ? nil : problem(.notFound)
  }

  /// Whether a file below `directory` is kept by `ignore`; nil when matching runs out of
  /// `budget`.
  private static func hasIncludedDescendant(_ directory: String, ignore: DockerIgnore, walk: ContextWalker, budget: inout Int) -> Bool? {
    let prefix = directory + "/"
    for entry in walk.entries where entry.path.hasPrefix(prefix) && !entry.isDirectory {
      guard let verdict = ignore.match(path: entry.path, budget: &budget) else { return nil }
      if !verdict.excluded { return true }
    }
    return false
  }

  /// The ignore file a build uses: `<Dockerfile>.dockerignore` next to the Dockerfile if it
  /// exists, else `<context>/.dockerignore` if it exists, else nil
  /// (https://docs.docker.com/build/concepts/context/#filename-and-location).
  public static func ignoreFilePath(contextDirectory: String, dockerfilePath: String?) -> String? {
    if let dockerfilePath {
      let specific = dockerfilePath + ".dockerignore"
      if FileBytes.size(of: specific) != nil { return specific }
    }
    let shared = contextDirectory + "/.dockerignore"
    return FileBytes.size(of: shared) != nil ? shared : nil
  }

  /// Reads and parses the ignore file the build uses (see `ignoreFilePath`); nil if none.
  /// `displayName` turns a path into the name diagnostics print.
  public static func loadIgnore(contextDirectory: String, dockerfilePath: String?, displayName: (String) -> String = { $0 }) throws(InputError) -> DockerIgnore? {
    guard let path = ignoreFilePath(contextDirectory: contextDirectory, dockerfilePath: dockerfilePath) else { return nil }
    return try DockerIgnore.parse(SourceText.read(path: path, displayName: displayName(path)))
  }
}
