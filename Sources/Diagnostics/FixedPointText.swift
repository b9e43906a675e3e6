import CFormat

extension Double {
  /// The value with `fractionDigits` digits after the point, as C's `printf("%.*f")`
  /// writes it in the C locale: rounded from the exact binary value to the nearest
  /// (halfway cases to even), "-0.50", "1234567.00", "nan", "inf" (ISO C, 7.21.6.1, the
  /// `f` conversion; the C locale's decimal point is "."). The same text as Foundation's
  /// `String(format: "%.2f", value)`, which formats a double with the C library too, but
  /// boxes and casts its arguments at run time (the cost rules format figures for every
  /// config env).
  ///
  /// `fractionDigits` is clamped to 0...17.
  public func fixedPointText(fractionDigits: Int) -> String {
    let digits = Int32(min(max(fractionDigits, 0), 17))
    var capacity = 64
    while true {
      var buffer = [CChar](repeating: 0, count: capacity)
      let written = Int(vibe_rules_format_fixed(&buffer, capacity, digits, self))
      guard written >= 0 else { return description }
      if written < capacity { return String(decoding: buffer[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
      capacity = written + 1
    }
  }
}
