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
  /// diagnostics relative to the repository root; nil when it cannot be read.
  func contextFileText(_ path: String) -> SourceText? {
    guard let buildContext else { return nil }
    let name = buildContext.displayName == "." || buildContext.displayName.isEmpty ? path : buildContext.displayName + "/" + path
    let file = buildContext.path + "/" + path
    contextReads.record(file)
    return try? SourceText.read(path: file, displayName: name)
  }
}
