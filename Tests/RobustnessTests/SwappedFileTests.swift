import Diagnostics
import Foundation
import ProjectModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A file swapped after its path was checked (a link out of the repository, or a FIFO,
/// put in its place between the check and the read: a pull request's build step can race
/// the checker). Everything is checked again on what is opened, so the swapped-in file is
/// never read and a FIFO never blocks. The swap is made here between `resolve` and the
/// read, the window a racing process aims at (an adversarial tester's race read the
/// linked file in 2 of 300 runs).
@Suite struct SwappedFileTests {
  /// A repository folder with `docker/Dockerfile`, and beside it a secret outside it.
  static func repository() throws -> (root: String, secret: String, remove: () -> Void) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-swap-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: base + "/repo/docker", withIntermediateDirectories: true)
    try Data("FROM python:3.12-slim\n".utf8).write(to: URL(fileURLWithPath: base + "/repo/docker/Dockerfile"))
    try Data("aws_secret_access_key = hunter2\n".utf8).write(to: URL(fileURLWithPath: base + "/secret"))
    return (base + "/repo", base + "/secret", { try? FileManager.default.removeItem(atPath: base) })
  }

  @Test func aLinkSwappedInAfterTheCheckIsNotRead() throws {
    let (root, secret, remove) = try Self.repository()
    defer { remove() }
    let file = try #require(try ArtifactFile.resolve(nil, fallback: "docker/Dockerfile", root: root, option: "--dockerfile"))
    #expect(file.enclosingRoot == root)
    try FileManager.default.removeItem(atPath: file.path)
    try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: secret)
    let error = #expect(throws: InputError.self) { try file.source() }
    #expect(error?.message.contains("lies outside --root") == true, "\(String(describing: error))")
    #expect(error?.message.contains("hunter2") == false)
    #expect(error?.location == .start(of: "docker/Dockerfile"))
    // A link that stays in the repository is read.
    try Data("FROM alpine\n".utf8).write(to: URL(fileURLWithPath: root + "/docker/Other"))
    try FileManager.default.removeItem(atPath: file.path)
    try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "Other")
    #expect(try file.source().text == "FROM alpine\n")
  }

  @Test func aFIFOSwappedInAfterTheCheckDoesNotBlock() throws {
    let (root, _, remove) = try Self.repository()
    defer { remove() }
    let file = try #require(try ArtifactFile.resolve(nil, fallback: "docker/Dockerfile", root: root, option: "--dockerfile"))
    try FileManager.default.removeItem(atPath: file.path)
    #expect(mkfifo(file.path, 0o644) == 0)
    #expect(FileBytes.contents(of: file.path, inside: root) == .failure(.notRegular("a FIFO")))
    let error = #expect(throws: InputError.self) { try file.source() }
    #expect(error?.message == "cannot read file: it is a FIFO, not a regular file")
  }

  /// A file named outside the repository on purpose is read as named, link and all.
  @Test func aFileOutsideTheRepositoryIsReadAsNamed() throws {
    let (root, secret, remove) = try Self.repository()
    defer { remove() }
    let file = try #require(try ArtifactFile.resolve(secret, fallback: "", root: root, option: "--evidence"))
    #expect(file.enclosingRoot == nil)
    #expect(try file.source().text.contains("hunter2"))
  }
}
