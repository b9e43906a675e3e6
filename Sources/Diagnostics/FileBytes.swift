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
  /// file, unreadable, or larger than `maximumSize` (see `size(of:)` to tell which).
  public static func read(_ path: String) -> [UInt8]? {
    guard let size = size(of: path), size <= maximumSize else { return nil }
    guard let handle = fopen(path, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes = [UInt8](repeating: 0, count: size)
    let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, handle) }
    return count == size ? bytes : Array(bytes[..<count])
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
  /// "a FIFO", "a directory", "a character device", ...: the file type of `mode`
  /// (`st_mode & S_IFMT`, stat(2)).
  public static func described(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFREG: "a regular file"
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFLNK: "a symbolic link"
    default: "a special file"
    }
  }
}
