/// Go's `path.Clean`: the shortest equivalent slash path.
///
/// Repeated slashes collapse, `.` elements go, `..` removes the element before it (and is
/// dropped at the root of an absolute path), a trailing slash is removed, and an empty
/// result is `.` (https://pkg.go.dev/path#Clean).
public enum PathClean {
  public static func clean(_ path: String) -> String {
    guard !path.isEmpty else { return "." }
    let rooted = path.hasPrefix("/")
    var parts: [Substring] = []
    for element in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch element {
      case ".":
        continue
      case "..":
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !rooted {
          parts.append(element)
        }
      default:
        parts.append(element)
      }
    }
    let joined = parts.joined(separator: "/")
    if rooted { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }
}
