import Diagnostics
import Foundation
import ProjectModel

/// Standard output, or a file the user named: never one of the files the project was
/// loaded from (vibe-rules never writes to the files it checks).
enum Output {
  /// Writes `text` to `path`, or to standard output when nil: control characters and
  /// bidirectional controls escaped either way (a report file is read in a terminal or an
  /// editor too), except the table's own status colours on standard output when `colour`.
  ///
  /// - Throws: `InputError` (exit 2) when `path` is one of the `spared` files (a project's
  ///   input files and the build-context files its rules read: `spared(by:)`; the same
  ///   file: compared by device and
  ///   inode, so a symbolic or hard link to it, `..` and `.` are all caught), cannot be
  ///   opened, is a symbolic link or anything but a regular file or a character device
  ///   such as `/dev/null` (a FIFO, whose open would wait for a reader, a socket, a
  ///   directory), or cannot be written in full (a full disk, a closed standard output).
  /// `escape`: how `TerminalSafe` writes an unsafe scalar for this output's format;
  /// `option` and `location`: how the errors name the path (`--output`, or `baseline:` at
  /// its line of `.vibe-rules.yaml`).
  static func write(
    _ text: String, to path: String?, option: String = "--output", at location: SourceLocation? = nil, sparing spared: [String] = [], colour: Bool = false,
    escape: TerminalSafe.Escape = .swift
  ) throws {
    guard let path else {
      try writeAll(TerminalSafe.text(text, allowingColour: colour, escape: escape), to: STDOUT_FILENO, what: "standard output")
      return
    }
    if let target = identity(path), let input = spared.first(where: { identity($0) == target }) {
      throw InputError("\(option) \(path) is \(input), a file this run checks; vibe-rules never writes to the files it checks", at: location)
    }
    // A relative path written inside the current folder stays in it: a committed folder
    // link on its way (`reports -> ~/.ssh`) would take a CI step's `--output
    // reports/x.sarif` out of the checkout. A file elsewhere is named by its absolute
    // path, or with `..`. (The baseline has its own check, against the root.)
    if option == "--output", !path.hasPrefix("/"), !path.split(separator: "/").contains("..") {
      let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
      if !folder.isEmpty, ArtifactFile.resolvesOutside(folder, root: ".") {
        throw InputError("\(option) \(path) leads outside the current folder (a symbolic link on its path); name a file outside it by its absolute path", at: location)
      }
    }
    // Never through a symbolic link: a repository can commit `vibe-rules.sarif -> ~/.bashrc`
    // and wait for CI to write the report there (O_NOFOLLOW closes the race with the check).
    var info = stat()
    if lstat(path, &info) == 0 {
      if (info.st_mode & S_IFMT) == S_IFLNK {
        throw InputError("\(option) \(path) is a symbolic link; vibe-rules does not write through links", at: location)
      }
      try requireWritable(info, path: path, option: option, at: location)
    }
    // O_NONBLOCK: a FIFO put there after the check fails to open (ENXIO) or is refused
    // below, instead of blocking the run until something reads it (cleared for the
    // writes). O_TRUNC only once the file is known to be one to write.
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
    guard descriptor >= 0 else {
      throw InputError("\(option) \(path): cannot open for writing (\(String(cString: strerror(errno))))", at: location)
    }
    defer { close(descriptor) }
    guard fstat(descriptor, &info) == 0 else {
      throw InputError("\(option) \(path): cannot open for writing (\(String(cString: strerror(errno))))", at: location)
    }
    try requireWritable(info, path: path, option: option, at: location)
    let flags = fcntl(descriptor, F_GETFL)
    guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0,
      (info.st_mode & S_IFMT) != S_IFREG || ftruncate(descriptor, 0) == 0
    else {
      throw InputError("\(option) \(path): cannot open for writing (\(String(cString: strerror(errno))))", at: location)
    }
    try writeAll(TerminalSafe.text(text, escape: escape), to: descriptor, what: "\(option) \(path)")
  }

  /// - Throws: `InputError` unless `info` is a regular file's or a character device's
  ///   (`/dev/null`), naming what it is.
  private static func requireWritable(_ info: stat, path: String, option: String, at location: SourceLocation?) throws(InputError) {
    let type = info.st_mode & S_IFMT
    guard type != S_IFREG, type != S_IFCHR else { return }
    throw InputError(
      "\(option) \(path) is \(FileKind.described(info.st_mode)); vibe-rules writes reports only to regular files (or a character device such as /dev/null)",
      at: location)
  }

  /// The files `write` must never write to for `project`: its input files and the
  /// build-context files its rules read.
  static func spared(by project: Project) -> [String] {
    project.inputFiles + project.contextReads.paths
  }

  /// Writes `text` to standard error, as much as it takes: a closed or full standard error
  /// loses the diagnostic but never ends the run in a crash (the exit status still says it).
  static func writeStandardError(_ text: String) {
    try? writeAll(text, to: STDERR_FILENO, what: "standard error")
  }

  /// Writes every byte of `text` to `descriptor`, retrying short and interrupted writes.
  private static func writeAll(_ text: String, to descriptor: Int32, what: String) throws {
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        throw InputError("cannot write to \(what): \(count < 0 ? String(cString: strerror(errno)) : "nothing was written")", at: nil)
      }
      written += count
    }
  }

  /// The device and inode of the file at `path` (following symbolic links), nil when it
  /// does not exist (then it is none of the inputs, which all exist).
  static func identity(_ path: String) -> [UInt64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return [UInt64(info.st_dev), UInt64(info.st_ino)]
  }
}

/// write(2) (the name `write` is `Output.write` inside the enum).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(descriptor, bytes, count)
  #else
  Darwin.write(descriptor, bytes, count)
  #endif
}
