import Diagnostics
import Requirements
import Testing

/// Catalogue lines and values are trimmed of spaces and tabs (and trailing carriage
/// returns) by grapheme cluster: a space that a combining mark joins, or that follows a
/// prepended character, is part of the text. A value that is blanks and a carriage return
/// after its number reads as the number (it once trapped).
@Suite struct CatalogueTrimmingTests {
  static func title(_ heading: String) throws -> String? {
    try RequirementCatalogue.parse(SourceText(file: "REQUIREMENTS.md", text: "## 1 Image\n### 1.1\(heading)\n")).requirements.first?.title
  }

  @Test func blanksAroundATitleAreTrimmed() throws {
    #expect(try Self.title("  Multi-stage build \t") == "Multi-stage build")
  }

  @Test func aSpaceJoinedToACombiningMarkStays() throws {
    #expect(try Self.title("  \u{301}Multi-stage") == " \u{301}Multi-stage")
  }

  @Test func aSpaceAfterAPrependedCharacterStays() throws {
    #expect(try Self.title(" Multi-stage\u{600} ") == "Multi-stage\u{600} ")
  }

  @Test(arguments: ["2\r", "2 \r", "2\t\r"])
  func aNumberFollowedByBlanksAndACarriageReturnReads(written: String) {
    #expect(RequirementValueKind.integer.read(written) == .integer(2))
  }
}
