import Diagnostics
import DockerfileModel

/// libFuzzer entry: the bytes as a `.dockerignore` file; when it parses, every line of
/// the input is also matched as a path (so hostile paths meet hostile patterns), with a
/// few fixed paths, within one check's steps (`DockerIgnore.matchBudget`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDockerIgnore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let source = try? SourceText(file: ".dockerignore", bytes: bytes),
    let ignore = try? DockerIgnore.parse(source)
  else { return 0 }
  let fixed = [".", "Dockerfile", ".git/config", "streamlit_ui/app.py", "a/b/c/d/e/f.txt", "node_modules/x/y.js"]
  var budget = DockerIgnore.matchBudget
  for path in fixed + source.lines.prefix(64).map(String.init) {
    _ = ignore.match(path: path, budget: &budget)
  }
  return 0
}
