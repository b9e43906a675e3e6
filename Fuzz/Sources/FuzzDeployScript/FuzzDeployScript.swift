import Diagnostics
import ShellScriptModel

/// libFuzzer entry: the bytes as a deploy script (read, never run), parsed, walked in
/// source order, walked in execution order with every parameter unknown (`execution`,
/// computed when read) and evaluated for `prod` as `deploy.sh prod`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeployScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let source = try? SourceText(file: "deploy.sh", bytes: bytes),
    let script = try? ShellScript.parse(source)
  else { return 0 }
  _ = script.walkInSourceOrder()
  _ = script.execution
  _ = script.evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
  return 0
}
