import Diagnostics
import Foundation
import ProjectModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whole-file faults: a file too large to be a real input, special files in place of
/// artifacts. Each ends in one `InputError` located at the file (exit 2), or the
/// artifact counts as absent, without reading a byte of it.
@Suite struct HostileFileTests {
  /// A 100 MB file at each artifact's default path is refused from its size alone
  /// (`FileBytes.maximumSize`, 16 MiB): the file is sparse, so nothing is written to
  /// disk, and nothing of it is read.
  @Test(arguments: Paths.deploymentFiles)
  func hundredMegabyteFileIsRefusedBeforeReading(artifact: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    let path = directory.file(artifact).path
    #expect(truncate(path, 100 * 1024 * 1024) == 0)
    let error = Outcome.report(ProjectOptions(root: directory.path)).error
    #expect(error?.location == .start(of: artifact))
    #expect(error?.message == "file is 104857600 bytes; the limit is 16777216 bytes (16 MiB)")
  }

  @Test func fileJustOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("big.yaml", "# padding\n")
    #expect(truncate(directory.file("big.yaml").path, off_t(FileBytes.maximumSize + 1)) == 0)
    #expect(throws: InputError.self) { _ = try SourceText.read(path: directory.file("big.yaml").path) }
    // At the limit the file is read, and its NUL padding is then refused as binary.
    #expect(truncate(directory.file("big.yaml").path, off_t(FileBytes.maximumSize)) == 0)
    #expect {
      _ = try SourceText.read(path: directory.file("big.yaml").path)
    } throws: { error in
      (error as? InputError)?.message.contains("NUL byte") == true
    }
  }

  /// A FIFO, a directory or a device in place of the template is never opened for
  /// reading (that could block forever), and it is an error whether named with
  /// --template or found at the default path: a hostile change must not make the
  /// template silently absent from the report.
  /// The message names what is there (a dangling link had read "not a regular file").
  @Test(arguments: [("fifo", "a FIFO, not a regular file"), ("directory", "a directory, not a regular file"),
                    ("device", "a character device, not a regular file"), ("dangling", "a symbolic link to nothing (a missing or unreachable target)")])
  func specialFileInPlaceOfTheTemplateIsNotRead(kind: String, what: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.copyDeploymentFiles()
    let template = directory.file("infra/template.yaml").path
    #expect(unlink(template) == 0)
    switch kind {
    case "fifo": #expect(mkfifo(template, 0o644) == 0)
    case "directory": #expect(mkdir(template, 0o755) == 0)
    case "dangling": #expect(symlink("no-such-template.yaml", template) == 0)
    default: #expect(symlink("/dev/zero", template) == 0)
    }
    var named = ProjectOptions(root: directory.path)
    named.template = "infra/template.yaml"
    #expect(Outcome.report(named).error?.message.contains("infra/template.yaml") == true)
    // Given to --template, it is a usage error like the option's others: no location.
    #expect(Outcome.report(named).error?.location == nil)
    let error = try #require(throws: InputError.self) { try Project.load(ProjectOptions(root: directory.path)) }
    #expect(error.message == "infra/template.yaml is \(what)")
    #expect(error.location == .start(of: "infra/template.yaml"))
  }
}
