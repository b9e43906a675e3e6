import Foundation
import ProjectModel

/// The file the inputs are written to: `ImageArchive.read` reads a path (it seeks in the
/// archive rather than holding it in memory).
let archivePath = FileManager.default.temporaryDirectory.appendingPathComponent("vibe-rules-fuzz-\(ProcessInfo.processInfo.processIdentifier).tar").path

/// libFuzzer entry: the bytes as an image archive (`docker save` or OCI layout tar), its
/// size measured as `--image-archive` measures it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageArchive(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: archivePath, contents: Data(bytes: data, count: size)) else { return 0 }
  _ = try? ImageArchive.read(path: archivePath, displayName: "image.tar")
  return 0
}
