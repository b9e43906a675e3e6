#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files for the loaders, with a size limit so a hostile input cannot
/// exhaust memory.
public enum FileBytes {
  /// The largest file any loader reads: 16 MiB. CloudFormation's own template limit is
  /// 1 MB for a template uploaded to S3 (see "CloudFormation quotas",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html),
  /// so anything above this is not a real input.
  public static let maximumSize = 16 * 1024 * 1024

  /// The bytes of the regular file at `path`, or nil if it is missing, not a regular
  /// file, unreadable, or larger than `maximumSize` (see `contents(of:inside:)` to tell
  /// which).
  public static func read(_ path: String) -> [UInt8]? {
    try? contents(of: path).get()
  }

  /// Why `contents(of:inside:)` read nothing.
  public enum ReadFailure: Error, Equatable {
    /// Nothing to open there, or it cannot be opened.
    case unreadable
    /// What was opened is not a regular file: its kind ("a FIFO", `FileKind`).
    case notRegular(String)
    /// The file is this many bytes, over `maximumSize`.
    case tooLarge(Int)
    /// What was opened lies outside the folder it had to be in (a link swapped in after
    /// the path was checked).
    case outside
  }

  /// The bytes of the regular file at `path`, or why there are none. The file is opened
  /// first (without blocking, so a FIFO cannot hang the run) and everything is checked on
  /// what was opened: its kind and size (`fstat`), and with `root`, that it lies under
  /// `root`, symbolic links resolved (the path the kernel gives for the open descriptor,
  /// `/proc/self/fd`). So a path swapped for a link or a FIFO after an earlier check of
  /// it is still never read.
  /// Reference: open(2) (`O_NONBLOCK` on a FIFO), proc(5) (`/proc/[pid]/fd/`).
  public static func contents(of path: String, inside root: String? = nil) -> Result<[UInt8], ReadFailure> {
    let opened: (descriptor: Int32, size: Int)
    switch openRegular(path, inside: root) {
    case .success(let file): opened = file
    case .failure(let failure): return .failure(failure)
    }
    let (descriptor, size) = opened
    defer { close(descriptor) }
    guard size <= maximumSize else { return .failure(.tooLarge(size)) }
    var bytes = [UInt8](repeating: 0, count: size)
    var count = 0
    while count < size {
      let read = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, size - count) }
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else { break }
      count += read
    }
    guard count > 0 || size == 0 else { return .failure(.unreadable) }
    return .success(count == size ? bytes : Array(bytes[..<count]))
  }

  /// The regular file at `path` opened for reading (the caller closes the descriptor),
  /// and its size in bytes, checked as `contents(of:inside:)` checks it (without the size
  /// limit: an image archive is larger).
  public static func openRegular(_ path: String, inside root: String? = nil) -> Result<(descriptor: Int32, size: Int), ReadFailure> {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { return .failure(.unreadable) }
    var info = stat()
    let failure: ReadFailure? =
      if fstat(descriptor, &info) != 0 { .unreadable }
      else if (info.st_mode & S_IFMT) != S_IFREG { .notRegular(FileKind.described(info.st_mode)) }
      else if let root, !openedFile(descriptor, path: path, isUnder: root) { .outside }
      else { nil }
    if let failure {
      close(descriptor)
      return .failure(failure)
    }
    return .success((descriptor, Int(info.st_size)))
  }

  /// Whether the file open as `descriptor` lies under `root` (or is it), both with links
  /// resolved. Where the system cannot name an open file, `path` resolved again instead.
  static func openedFile(_ descriptor: Int32, path: String, isUnder root: String) -> Bool {
    guard let base = realPath(root.isEmpty ? "." : root) else { return false }
    #if os(Linux)
    let opened = linkTarget("/proc/self/fd/\(descriptor)") ?? realPath(path)
    #else
    let opened = realPath(path)
    #endif
    guard let opened else { return false }
    return isResolved(opened, under: base)
  }

  /// Whether resolved path `path` is resolved folder `root` or lies under it.
  public static func isResolved(_ path: String, under root: String) -> Bool {
    path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
  }

  /// read(2).
  private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #elseif canImport(Musl)
    Musl.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
  }

  /// realpath(3), nil when the path does not resolve.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// readlink(2) of `path`, nil when it is no link.
  static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The size in bytes of the regular file at `path`; nil if it is not a regular file.
  public static func size(of path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// What is at `path`, links followed ("a FIFO", "a directory", ...; `FileKind`), or nil
  /// when nothing is.
  public static func kind(of path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileKind.described(info.st_mode)
  }

  /// Whether anything (file, directory, FIFO, device, dangling symbolic link) exists at `path`.
  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Whether `path` names an existing directory.
  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}

/// What kind of file a `stat` mode describes, for messages.
public enum FileKind {
  /// What `described` says of a regular file and of a directory.
  public static let regularFile = "a regular file"
  public static let directory = "a directory"

  /// "a FIFO", "a directory", "a character device", ...: the file type of `mode`
  /// (`st_mode & S_IFMT`, stat(2)).
  public static func described(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFREG: regularFile
    case S_IFDIR: directory
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFLNK: "a symbolic link"
    default: "a special file"
    }
  }
}
