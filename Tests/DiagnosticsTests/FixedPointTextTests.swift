import Diagnostics
import Foundation
import Testing

@Suite struct FixedPointTextTests {
  /// The text Foundation's `String(format:)` gives, for values whose decimal form is a tie
  /// (0.125), is not what the binary value is (0.15 is 0.1499999…, 2.675 is 2.67499…),
  /// is negative, zero, huge (longer than the first buffer), or not a number.
  @Test(arguments: [0, -0.0, 0.125, 0.375, 0.15, 2.675, -0.005, 74.165, 1234567.891, 1e-7, 9.995, 0.5, 1.5, 2.5, 1e20, 1e300, -1e300, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
  func matchesPrintf(_ value: Double) {
    for digits in [0, 1, 2, 3, 17] {
      #expect(value.fixedPointText(fractionDigits: digits) == String(format: "%.\(digits)f", value), "\(value) with \(digits) digits")
    }
  }

  @Test func clampsTheDigits() {
    #expect(1.5.fixedPointText(fractionDigits: -3) == "2")
    #expect(0.1.fixedPointText(fractionDigits: 40) == String(format: "%.17f", 0.1))
  }
}
