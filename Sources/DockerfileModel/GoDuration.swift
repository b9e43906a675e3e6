/// Go's `time.ParseDuration`, which BuildKit uses for the HEALTHCHECK options.
///
/// Shape: an optional sign, then one or more decimal numbers each followed by a unit
/// (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), e.g. `30s`, `1m30s`, `1.5h`; a bare `0`
/// is allowed. Returns seconds, or nil if the text is not a duration or overflows Go's
/// `Duration`, an int64 of nanoseconds (about 292 years), as ParseDuration refuses it.
enum GoDuration {
  static func seconds(_ text: String) -> Double? {
    var scalars = Array(text.unicodeScalars)[...]
    var negative = false
    if let sign = scalars.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      scalars = scalars.dropFirst()
    }
    if scalars.elementsEqual("0".unicodeScalars) { return 0 }
    guard !scalars.isEmpty else { return nil }
    var total = 0.0
    while !scalars.isEmpty {
      let integer = scalars.prefix(while: Scalars.isASCIIDigit)
      scalars = scalars.dropFirst(integer.count)
      var fraction: ArraySlice<Unicode.Scalar> = []
      if scalars.first == "." {
        scalars = scalars.dropFirst()
        fraction = scalars.prefix(while: Scalars.isASCIIDigit)
        scalars = scalars.dropFirst(fraction.count)
      }
      guard !integer.isEmpty || !fraction.isEmpty else { return nil }
      let unit = scalars.prefix(while: { !Scalars.isASCIIDigit($0) && $0 != "." })
      scalars = scalars.dropFirst(unit.count)
      let factor: Double
      switch Scalars.string(unit) {
      case "ns": factor = 1e-9
      case "us", "\u{00B5}s", "\u{03BC}s": factor = 1e-6
      case "ms": factor = 1e-3
      case "s": factor = 1
      case "m": factor = 60
      case "h": factor = 3600
      default: return nil
      }
      guard let value = Double(Scalars.string(integer.isEmpty ? ["0"] : integer) + "." + Scalars.string(fraction.isEmpty ? ["0"] : fraction)) else { return nil }
      total += value * factor
      // Past Int64.max nanoseconds (2^63, exactly representable) ParseDuration overflows.
      guard total * 1e9 < 0x1p63 else { return nil }
    }
    return negative ? -total : total
  }
}
