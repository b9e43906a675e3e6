#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a build context directory safely.
///
/// The walk is iterative (no recursion), never follows symbolic links (a link to a
/// directory is listed as an entry but not entered, so link loops cannot trap it), skips
/// directories it cannot open and entries it cannot examine (noting them), and stops after `limit` entries (noting that
/// the list is incomplete).
struct ContextWalker {
  struct Entry: Sendable, Hashable {
    /// Relative to the context root, `/` separated.
    var path: String
    var isDirectory: Bool
    /// A symbolic link (listed, never followed).
    var isSymbolicLink = false
  }

  private(set) var entries: [Entry] = []
  /// Why the list may be incomplete (unreadable directories, the entry limit).
  private(set) var notes: [String] = []
  private(set) var isComplete = true

  /// Lists `root`; with `skippingHidden`, entries whose name starts with `.` are neither
  /// listed nor entered.
  init(root: String, limit: Int, skippingHidden: Bool = false) {
    var pending: [String] = [""]
    while let relative = pending.popLast() {
      let directory = relative.isEmpty ? root : root + "/" + relative
      guard let handle = opendir(directory) else {
        notes.append("cannot read directory `\(relative.isEmpty ? "." : relative)`; its contents were not checked")
        isComplete = false
        continue
      }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
        }
        if name == "." || name == ".." || (skippingHidden && name.hasPrefix(".")) { continue }
        guard entries.count < limit else {
          notes.append("the build context has more than \(limit) entries; only the first \(limit) were checked")
          isComplete = false
          return
        }
        let path = relative.isEmpty ? name : relative + "/" + name
        var info = stat()
        guard lstat(root + "/" + path, &info) == 0 else {
          // Listed but not examinable (its path is longer than PATH_MAX, or it vanished):
          // if it is a directory, its contents are unknown.
          notes.append("cannot examine `\(path)`; if it is a directory, its contents were not checked")
          isComplete = false
          entries.append(Entry(path: path, isDirectory: false))
          continue
        }
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        entries.append(Entry(path: path, isDirectory: isDirectory, isSymbolicLink: (info.st_mode & S_IFMT) == S_IFLNK))
        if isDirectory { pending.append(path) }
      }
    }
  }

  /// Whether `path` exists under `root` (a symbolic link counts, even if dangling).
  static func exists(_ path: String, in root: String) -> Bool {
    var info = stat()
    return lstat(path == "." ? root : root + "/" + path, &info) == 0
  }

  static func isDirectory(_ path: String, in root: String) -> Bool {
    var info = stat()
    return stat(path == "." ? root : root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}
