import Foundation
import Testing

/// This repository's template with one deep part added (200 intrinsic functions inside
/// each other, a chain of 2,000 conditions), through the built `vibe-rules report`: exit
/// status 2 and one `infra/template.yaml:line:column: error:` line, not a stack overflow
/// (signal 11) or a hang. The same templates are checked through the library in
/// TemplateModelTests/TemplateLimitTests.
@Suite(.enabled(if: Paths.binary != nil, "vibe-rules was not built next to the test bundle"))
struct DeepTemplateExitCodeTests {
  /// `find` replaced by `replacement` in the copied template.
  static func edit(_ find: String, _ replacement: String) -> @Sendable (TemporaryDirectory) throws -> Void {
    { directory in
      let file = directory.file("infra/template.yaml")
      let text = try String(contentsOf: file, encoding: .utf8)
      guard text.contains(find) else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: "template has no \(find)"]) }
      try directory.write("infra/template.yaml", text.replacingOccurrences(of: find, with: replacement))
    }
  }

  static let deep: [(name: String, change: @Sendable (TemporaryDirectory) throws -> Void)] = [
    ("200 nested Fn::If", edit(
      "EmptyOnDelete: !If [IsProd, false, true]",
      "EmptyOnDelete: " + String(repeating: "!If [IsProd, false, ", count: 200) + "true" + String(repeating: "]", count: 200))),
    ("200 nested Fn::Base64", edit(
      "      ImageTagMutability: MUTABLE\n",
      "      ImageTagMutability: MUTABLE\n      RepositoryPolicyText: " + String(repeating: "{Fn::Base64: ", count: 200) + "x" + String(repeating: "}", count: 200) + "\n")),
    ("200 nested !Not", edit(
      "  IsProd: !Equals [!Ref Environment, prod]",
      "  IsProd: " + String(repeating: "!Not [", count: 200) + "!Equals [!Ref Environment, prod]" + String(repeating: "]", count: 200))),
    ("a chain of 2,000 conditions", edit(
      "  IsProd: !Equals [!Ref Environment, prod]\n",
      "  IsProd: !And [!Equals [!Ref Environment, prod], !Condition C0]\n"
        + (0..<2_000).map { $0 == 1_999 ? "  C\($0): !Equals [a, a]\n" : "  C\($0): !Not [!Condition C\($0 + 1)]\n" }.joined())),
  ]

  @Test(arguments: deep.map(\.name))
  func deepTemplateExitsWithTwoAndOneLocatedDiagnostic(name: String) throws {
    let input = Self.deep.first { $0.name == name }!
    let directory = try ExitCodeTests.repository(input.change)
    defer { directory.remove() }
    let result = try #require(try Command.run(["report", "--root", directory.path]))
    #expect(result.status == 2, "\(name): \(result.standardError)")
    #expect(isOneLocatedDiagnostic(result.standardError, file: "infra/template.yaml"), "\(name): \(result.standardError)")
    #expect(result.standardError.contains("nesting deeper than 128 levels") || result.standardError.contains("chains longer than 128"), "\(name): \(result.standardError)")
  }
}
