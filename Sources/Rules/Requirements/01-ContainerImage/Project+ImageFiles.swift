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
  /// diagnostics relative to the repository root; nil when it cannot be read, or when it
  /// is a symbolic link out of the build context: the build sends the link, not what it
  /// points to, and a committed `app.py -> ~/.aws/credentials` must not be read and
  /// quoted into a CI log.
  func contextFileText(_ path: String) -> SourceText? {
    guard let buildContext else { return nil }
    let name = buildContext.displayName == "." || buildContext.displayName.isEmpty ? path : buildContext.displayName + "/" + path
    let file = buildContext.path + "/" + path
    guard !ArtifactFile.resolvesOutside(file, root: buildContext.path) else { return nil }
    contextReads.record(file)
    return try? SourceText.read(path: file, displayName: name)
  }

  /// Whether build-context file `path` (relative to the context root) is a symbolic link
  /// out of the build context: the image gets the link, dangling, not what it points to.
  func contextFileLinksOut(_ path: String) -> Bool {
    guard let buildContext else { return false }
    return ArtifactFile.resolvesOutside(buildContext.path + "/" + path, root: buildContext.path)
  }
}
