import Diagnostics

/// Where a file of the built image comes from, as far as the Dockerfile and the build
/// context tell.
///
/// COPY semantics ("COPY", https://docs.docker.com/reference/dockerfile/#copy): a source
/// directory's contents are copied into the destination (not the directory itself); a
/// source file lands at the destination, or inside it when the destination ends with `/`
/// or several sources are given. The build sees the context minus `.dockerignore`
/// (https://docs.docker.com/build/concepts/context/#dockerignore-files).
public enum ImageFileOrigin: Sendable, Hashable {
  /// The file is the context file `path` (relative to the context root), copied by the
  /// COPY/ADD at `copy`.
  case context(path: String, copy: SourceLocation)
  /// No step puts the file in the image: `reason` says why (the COPY that would bring it
  /// finds no such context file, or `.dockerignore` leaves it out: `excludedBy`).
  case missing(reason: String, copy: SourceLocation?, excludedBy: Located<String>?)
  /// The files cannot tell (a glob, a build argument, a `COPY --from`, a RUN naming it,
  /// an unknown base image).
  case unknown(String)

  /// The reason `.unknown` gives when no step of the Dockerfile puts the file in the image
  /// and the base image's files are not known.
  public static let unknownBaseImage = "the base image's files are not known"
}

extension ImageFacts {
  /// The origin of the image file at absolute path `imagePath`, found by replaying the
  /// final image's COPY/ADD/RUN steps backwards (the last step that provides the file wins).
  /// A RUN whose text names the file's name is taken as possibly creating it (unknown).
  public func origin(ofImagePath imagePath: String, contextDirectory: String, dockerignore: DockerIgnore?) -> ImageFileOrigin {
    let path = PathClean.clean(imagePath)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    var coveringCopy: (location: SourceLocation, reason: String, excludedBy: Located<String>?)?
    var budget = DockerIgnore.matchBudget
    for event in fileEvents.reversed() {
      switch event.value {
      case .run(let text):
        if text.contains(name) { return .unknown("RUN at line \(event.location.line) names `\(name)` and may create it") }
      case .copy(let sources, let destination, let destinationIsDirectory, let fromContext):
        guard let destination else {
          return .unknown("the COPY at line \(event.location.line) has a destination that is not known statically")
        }
        let inside = path.hasPrefix(destination == "/" ? "/" : destination + "/")
        guard inside || path == destination else { continue }
        guard fromContext else {
          return .unknown("the COPY/ADD at line \(event.location.line) copies from a stage, an image or a URL into \(destination)")
        }
        for written in sources.reversed() {
          guard let written else { return .unknown("a source of the COPY at line \(event.location.line) is not known statically") }
          var source = PathClean.clean("/" + written)
          source.removeFirst()
          if source.isEmpty { source = "." }
          if PathPattern.hasGlob(source) {
            if inside { return .unknown("the COPY at line \(event.location.line) copies the glob `\(written)` into \(destination)") }
            continue
          }
          let candidate: String
          if ContextWalker.isDirectory(source, in: contextDirectory) {
            guard inside else { continue }
            let rest = String(path.dropFirst(destination == "/" ? 1 : destination.count + 1))
            candidate = source == "." ? rest : source + "/" + rest
          } else {
            let sourceName = source.split(separator: "/").last.map(String.init) ?? source
            let target = destinationIsDirectory || sources.count > 1 ? PathClean.clean(destination + "/" + sourceName) : destination
            guard target == path else { continue }
            candidate = source
          }
          if let dockerignore {
            guard let verdict = dockerignore.match(path: candidate, budget: &budget) else {
              return .unknown("matching `\(candidate)` against \(dockerignore.file) takes more than \(DockerIgnore.matchBudget) steps")
            }
            if verdict.excluded {
              if coveringCopy == nil { coveringCopy = (event.location, "`\(candidate)` is excluded from the build context by \(dockerignore.file)", verdict.pattern) }
              continue
            }
          }
          if ContextWalker.exists(candidate, in: contextDirectory) && !ContextWalker.isDirectory(candidate, in: contextDirectory) {
            return .context(path: candidate, copy: event.location)
          }
          if coveringCopy == nil { coveringCopy = (event.location, "the build context has no file `\(candidate)`", nil) }
        }
      }
    }
    switch base.value {
    case .image where baseProfile != nil, .scratch:
      if let coveringCopy {
        return .missing(reason: coveringCopy.reason, copy: coveringCopy.location, excludedBy: coveringCopy.excludedBy)
      }
      return .missing(reason: "no COPY or ADD puts \(path) in the image", copy: nil, excludedBy: nil)
    default:
      return .unknown(ImageFileOrigin.unknownBaseImage)
    }
  }
}
