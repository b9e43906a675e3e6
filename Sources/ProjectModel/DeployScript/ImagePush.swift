import Diagnostics
import ShellScriptModel

/// One image reference (`repository:tag`) a deploy script sends to a registry.
///
/// Shapes: `docker push "$URI:$TAG"` → one push of `$URI:$TAG`; `docker image push` the
/// same; `docker push --all-tags "$URI"` → one push per local tag of `$URI` the script
/// built or tagged before (or one of `$URI` alone when it made none); `docker buildx build
/// --push -t a -t b .` (or `--output type=registry`) → pushes of `a` and `b`.
public struct ImagePush: Sendable {
  public enum Form: Sendable, Hashable {
    /// `docker push REF`, `docker image push REF`.
    case push
    /// `docker push --all-tags REPOSITORY` (`-a`): every local tag of the repository.
    case allTags
    /// `docker buildx build --push` / `--output type=registry`: the build's `-t` values.
    case build
  }

  /// The command that pushes.
  public var command: CommandInvocation
  /// The reference pushed.
  public var reference: ResolvedWord
  /// Where the reference is written (the operand, the `-t` value or the local tag's origin).
  public var location: SourceLocation
  public var form: Form
}
