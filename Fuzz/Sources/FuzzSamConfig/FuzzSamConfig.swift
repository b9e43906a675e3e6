import Diagnostics
import TemplateModel

/// libFuzzer entry: the bytes as a samconfig file, read as TOML and as YAML, and every
/// config env it defines resolved the way `sam deploy --config-env` would.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSamConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for file in ["samconfig.toml", "samconfig.yaml"] {
    guard let source = try? SourceText(file: file, bytes: bytes),
      let samconfig = try? SamConfig.load(source)
    else { continue }
    for environment in samconfig.environments {
      _ = try? DeployConfiguration.resolve(environment: environment.name, samconfig: samconfig, command: nil)
    }
  }
  return 0
}
