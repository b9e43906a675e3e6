import Diagnostics
import DockerfileModel
import ProjectModel

extension Project {
  /// Where the final image's file `imagePath` (absolute) comes from; nil without a
  /// Dockerfile or build context.
  func imageFile(_ imagePath: String) -> ImageFileOrigin? {
    guard let dockerfile, let buildContext else { return nil }
    return dockerfile.finalImage.origin(ofImagePath: imagePath, contextDirectory: buildContext.path, dockerignore: dockerignore)
  }

  /// The text of build-context file `path` (relative to the context root), named for
  /// diagnostics relative to the repository root; nil when it cannot be read, or when the
  /// image does not get it as the files show it (`contextFileLink`): the build sends a
  /// symbolic link as a link, not what it points to, and a committed
  /// `app.py -> ~/.aws/credentials` must not be read and quoted into a CI log.
  func contextFileText(_ path: String) -> SourceText? {
    guard let buildContext, contextFileLink(path) == nil else { return nil }
    let name = buildContext.displayName == "." || buildContext.displayName.isEmpty ? path : buildContext.displayName + "/" + path
    let file = buildContext.path + "/" + path
    contextReads.record(file)
    // Read only if what is opened is still in the context (a link swapped in after the
    // check above is not followed out of it).
    return try? SourceText.read(path: file, displayName: name, inside: buildContext.path)
  }

  /// Why build-context file `path` (relative to the context root) reaches the image as a
  /// dangling symbolic link, for messages; nil when it does not. The build context holds
  /// links as links (`COPY` copies a link, not its target), so a link (the file, or a
  /// folder on its path) that leads out of the context, or to a path `.dockerignore`
  /// leaves out of it, points at nothing in the image (nil too when matching the target
  /// takes more than `DockerIgnore.pathMatchBudget` steps). Reference: ".dockerignore files",
  /// https://docs.docker.com/build/concepts/context/#dockerignore-files
  func contextFileLink(_ path: String) -> String? {
    guard let buildContext else { return nil }
    let file = buildContext.path + "/" + path
    if ArtifactFile.resolvesOutside(file, root: buildContext.path) {
      return "\(path) is a symbolic link out of the build context"
    }
    guard let dockerignore, let target = ArtifactFile.resolvedRelative(file, root: buildContext.path),
      target != PathClean.clean(path)
    else { return nil }
    // One path per call, and a rule may ask for hundreds of files.
    var budget = DockerIgnore.pathMatchBudget
    guard let (excluded, pattern) = dockerignore.match(path: target, budget: &budget), excluded else { return nil }
    return "\(path) is a symbolic link to \(target), which .dockerignore leaves out of the build context" + (pattern.map { " (`\($0.value)` at \($0.location))" } ?? "")
  }
}
