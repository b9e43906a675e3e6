import TemplateModel

/// libFuzzer entry: the bytes up to the first NUL as an `AllowedPattern` (Java regular
/// expression syntax), the rest as the parameter value, matched whole. Any outcome but a
/// crash, a hang (libFuzzer's -timeout) or a runaway allocation is fine: the automaton's
/// work is bounded by its state and step limits whatever the pattern.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAllowedPattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let split = bytes.firstIndex(of: 0) ?? size
  let pattern = String(decoding: bytes[..<split], as: UTF8.self)
  let value = String(decoding: bytes[min(split + 1, size)...], as: UTF8.self)
  _ = AllowedPatterns().match(pattern, value)
  return 0
}
