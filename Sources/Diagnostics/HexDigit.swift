extension Unicode.Scalar {
  /// The value of an ASCII hexadecimal digit (`0`-`9`, `a`-`f`, `A`-`F`), or nil: what the
  /// escapes of every format vibe-rules reads spell (`\x41`, `\u0041`, TOML's `\U0001F600`,
  /// JSON's `\u00e9`, bash's `$'\x41'`).
  public var hexDigitValue: UInt32? {
    switch self {
    case "0"..."9": value - 0x30
    case "a"..."f": value - 0x61 + 10
    case "A"..."F": value - 0x41 + 10
    default: nil
    }
  }
}
