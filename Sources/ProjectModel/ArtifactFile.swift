import Diagnostics
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A file of the checked repository: its path on disk and the name diagnostics print.
public struct ArtifactFile: Hashable, Sendable {
  /// The path to open.
  public var path: String
  /// The path relative to the root when the file is under it, else as given.
  public var displayName: String
  /// The folder the file must lie under, links resolved, when it is read: the repository
  /// when the file is the repository's (checked when it was resolved, and again on what
  /// is opened, so a link swapped in between is not read); nil for a file named outside it.
  public var enclosingRoot: String?

  public init(path: String, displayName: String, enclosingRoot: String? = nil) {
    self.path = path
    self.displayName = displayName
    self.enclosingRoot = enclosingRoot
  }

  /// The file's text, read under `enclosingRoot` (`SourceText.read(path:displayName:inside:)`).
  /// - Throws: `InputError` at the file when it cannot be read or does not decode.
  public func source() throws(InputError) -> SourceText {
    try SourceText.read(path: path, displayName: displayName, inside: enclosingRoot)
  }

  /// Resolves `given` (or `fallback` when nil) against `root`.
  ///
  /// - Returns: the file, or nil when the default file does not exist (the artifact is
  ///   optional and simply absent).
  /// - Throws: `InputError` when a path the user gave does not exist: that is a usage
  ///   error, not an absent artifact.
  /// `repository`: the root a file must stay inside when it differs from the `root` the
  /// path is joined to (the build context's `.dockerignore`); `root` when nil.
  /// `rootName`: what messages call that root.
  public static func resolve(
    _ given: String?, fallback: String, root: String, option: String, directory: Bool = false, inside repository: String? = nil,
    rootName: String = "--root"
  ) throws(InputError) -> ArtifactFile? {
    if given == nil && fallback.isEmpty { return nil }
    let relative = given ?? fallback
    let path = join(root, relative)
    // One `stat` decides and names the kind: a second one for the message could see the
    // path after it changed ("a regular file, not a regular file").
    let kind = FileBytes.kind(of: path)
    guard kind == (directory ? FileKind.directory : FileKind.regularFile) else {
      // Something that is not a regular file (a FIFO, a device, a directory, a dangling
      // link) where an artifact is expected is an error even at the default path: it
      // must not make the artifact silently "absent". Located at the file when it is the
      // default path; a path given to an option is a usage error, unlocated like the
      // option's other faults.
      if FileBytes.exists(path) {
        let name = displayName(path, root: root).replacingOccurrences(of: "/./", with: "/")
        // A dangling link says so; anything else names what it is (`FileKind`).
        let what = kind.map { "\($0), not \(directory ? "a directory" : "a regular file")" }
          ?? "a symbolic link to nothing (a missing or unreachable target)"
        throw InputError("\(given == nil ? "" : option + " ")\(name) is \(what)", at: given == nil ? .start(of: name) : nil)
      }
      if given != nil {
        // A relative path is read from the root, not the current folder: the message names
        // the path tried, so `--root r --template t.yaml` run beside t.yaml explains itself.
        let shown = Self.withoutEmptyAndDotElements(path)
        let tried = shown == Self.withoutEmptyAndDotElements(relative) ? "" : " (looked for \(shown): a relative path is read from \(rootName))"
        throw InputError("\(option) \(relative): no such \(directory ? "directory" : "file")\(tried)", at: nil)
      }
      return nil
    }
    let enclosing = repository ?? root
    let checked: Bool
    do throws(InputError) {
      if relative.hasPrefix("/") {
        checked = try requireInsideWhenInRepository(path, root: enclosing, name: relative, rootName: rootName)
      } else {
        try requireInside(root: enclosing, path: path, relative: relative, rootName: rootName)
        checked = true
      }
    } catch {
      // Found at its default path, the file is located like the other faults of a file
      // found there (a FIFO, a directory); named with an option, it stays a usage error.
      throw given == nil ? InputError(error.message, at: .start(of: displayName(path, root: root))) : error
    }
    return ArtifactFile(path: path, displayName: displayName(path, root: root), enclosingRoot: checked ? enclosing : nil)
  }

  /// A file whose folder is in the repository (resolves under `root`) must itself resolve
  /// under `root`, however it was named: an absolute `--dockerfile $PWD/docker/Dockerfile`
  /// or a `.dockerignore` found beside the Dockerfile or in the build context can be a
  /// committed link to `~/.aws/credentials` as well. A file in a folder outside the
  /// repository, named on purpose, is read as named.
  /// - Returns: whether the file is the repository's (and so was checked).
  /// - Throws: `InputError` naming the file (`name`), without reading what it points to.
  @discardableResult
  public static func requireInsideWhenInRepository(_ path: String, root: String, name: String, rootName: String = "--root") throws(InputError) -> Bool {
    guard isRepositoryFile(path, root: root) else { return false }
    try requireInside(root: root, path: path, relative: name, rootName: rootName)
    return true
  }

  /// Whether absolute `path` is a file of the repository at `root`: the path is written
  /// under it (`..` and `.` taken as written, links not followed: `$PWD/sys/passwd` with
  /// `sys -> /etc` is the repository's too), or it passes through the repository on its
  /// way, some leading part of it resolving to `root` or under it (a linked workspace,
  /// `/proc/self/cwd`, then a committed `sublink -> /outside`).
  public static func isRepositoryFile(_ path: String, root: String) -> Bool {
    if isWrittenUnder(path, root: root) { return true }
    guard let resolvedRoot = FileBytes.realPath(root.isEmpty ? "." : root) else { return false }
    var prefix = ""
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + part
      guard let resolved = FileBytes.realPath(prefix) else { break }
      if FileBytes.isResolved(resolved, under: resolvedRoot) { return true }
    }
    return false
  }

  /// Whether absolute `path`, with `.` and `..` applied as written, lies under `root` as
  /// written (made absolute from the current folder) or as it resolves.
  static func isWrittenUnder(_ path: String, root: String) -> Bool {
    func normalized(_ text: String) -> [Substring] {
      var parts: [Substring] = []
      for part in text.split(separator: "/") where part != "." {
        if part == ".." { _ = parts.popLast() } else { parts.append(part) }
      }
      return parts
    }
    let target = normalized(path)
    var roots: [String] = []
    if root.hasPrefix("/") { roots.append(root) } else if let current = FileBytes.realPath(".") { roots.append(current + "/" + root) }
    if let resolved = FileBytes.realPath(root.isEmpty ? "." : root) { roots.append(resolved) }
    return roots.contains { target.starts(with: normalized($0)) }
  }

  /// A file named relative to the root must resolve, symbolic links followed, to a file
  /// under the root: a committed `docker/Dockerfile -> ~/.aws/credentials` would otherwise
  /// be read, and quoted in a diagnostic into a CI log. A relative name whose `..` steps
  /// out of the root is refused as such, not blamed on a link.
  /// - Throws: `InputError` naming the path (and the root as `rootName`), without reading
  ///   what it points to.
  public static func requireInside(root: String, path: String, relative: String, rootName: String = "--root") throws(InputError) {
    guard !resolvesOutside(path, root: root) else {
      let written = path.hasPrefix("/") ? path : (FileBytes.realPath(".") ?? "") + "/" + path
      var info = stat()
      let stepsOut = !isWrittenUnder(written, root: root) && written.split(separator: "/").contains("..")
      let reason = stepsOut
        ? "its `..` steps out of the repository; name a file outside it by its absolute path"
        : lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "a symbolic link on its path"
      throw InputError("\(relative) leads outside \(rootName) (\(reason)); vibe-rules reads only the repository's own files", at: nil)
    }
  }

  /// Whether `path` exists and resolves, symbolic links followed, to somewhere other than
  /// `root` or a path under it. False when either does not resolve (nothing to read).
  public static func resolvesOutside(_ path: String, root: String) -> Bool {
    guard let resolvedRoot = FileBytes.realPath(root.isEmpty ? "." : root), let resolved = FileBytes.realPath(path) else { return false }
    return !FileBytes.isResolved(resolved, under: resolvedRoot)
  }

  /// Where `path` resolves to, symbolic links followed, relative to `root` resolved the
  /// same way (`/` separated); nil when either does not resolve or `path` is not under
  /// `root`.
  public static func resolvedRelative(_ path: String, root: String) -> String? {
    guard let resolvedRoot = FileBytes.realPath(root.isEmpty ? "." : root), let resolved = FileBytes.realPath(path) else { return nil }
    let base = resolvedRoot == "/" ? "/" : resolvedRoot + "/"
    guard resolved.hasPrefix(base) else { return nil }
    return String(resolved.dropFirst(base.count))
  }

  /// `path` without repeated slashes and `.` elements (`./r//a/./b` is `r/a/b`), for
  /// messages; `..` elements are kept (a link before one would change what it names).
  static func withoutEmptyAndDotElements(_ path: String) -> String {
    let elements = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    let joined = elements.joined(separator: "/")
    if path.hasPrefix("/") { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// `relative` under `root` (`relative` alone when `root` is `.` or empty, or when
  /// `relative` is an absolute path).
  public static func join(_ root: String, _ relative: String) -> String {
    if root == "." || root.isEmpty || relative.hasPrefix("/") { return relative }
    return root.hasSuffix("/") ? root + relative : root + "/" + relative
  }

  static func displayName(_ path: String, root: String) -> String {
    let prefix = root == "." || root.isEmpty ? "" : (root.hasSuffix("/") ? root : root + "/")
    var name = prefix.isEmpty ? path : (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
    while name.hasPrefix("./") { name.removeFirst(2) }
    return name
  }
}
