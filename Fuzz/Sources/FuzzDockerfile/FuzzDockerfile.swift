import Diagnostics
import DockerfileModel

/// libFuzzer entry: the bytes as a Dockerfile, parsed, every stage's image facts
/// derived, and BuildKit's AST dump printed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDockerfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let source = try? SourceText(file: "Dockerfile", bytes: bytes),
    let dockerfile = try? Dockerfile.parse(source)
  else { return 0 }
  for stage in dockerfile.stages {
    _ = dockerfile.image(of: stage.index)
  }
  _ = dockerfile.finalImage
  _ = dockerfile.buildKitDump()
  return 0
}
