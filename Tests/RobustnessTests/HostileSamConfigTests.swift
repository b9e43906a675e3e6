import Diagnostics
import Foundation
import Testing

@testable import TemplateModel

/// samconfig.toml goes through `TOMLSyntaxCheck` before TOMLKit, whose toml++ parser
/// aborts (C++ assertion) on some malformed TOML instead of reporting it.
@Suite struct HostileSamConfigTests {
  static func load(_ text: String) throws(InputError) -> SamConfig {
    try SamConfig.load(SourceText(file: "samconfig.toml", text: text))
  }

  /// Inputs fuzzing found that aborted the process inside toml++ (Fuzz/Regressions/
  /// FuzzSamConfig/ keeps the original files): each is now a located error.
  @Test(arguments: [
    ("version = 0.1\n\n[=prod.deploy.parameters]\nx = 1\n", 3, 2),
    ("\u{FEFF}\u{FEFF}[[= \"CAPABILITY_NAMED_IAM\"\nregion = 1\n", 1, 4),
    ("version =1979-05-27Tparameters:p\n", 1, 10),
    ("[a]\nx = 1979-05-27 z\n", 2, 16),
    ("[[ [a]]\n", 1, 4),
    ("[a.=b]\n", 1, 4),
  ])
  func tomlThatAbortedTomlPlusPlusIsALocatedError(text: String, line: Int, column: Int) {
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      let error = error as? InputError
      return error?.message.hasPrefix("invalid TOML: ") == true && error?.location?.file == "samconfig.toml"
        && error?.location?.line == line && error?.location?.column == column
    }
  }

  /// Values nested 100,000 deep, by kind (named in the test arguments, so the test log
  /// does not print each).
  static let deep: [String: String] = [
    "arrays": "x = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
    "inline tables": "x = " + String(repeating: "{a = ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n",
  ]

  @Test(arguments: ["arrays", "inline tables"])
  func nestingOneHundredThousandDeepIsRefused(kind: String) throws {
    let text = try #require(Self.deep[kind])
    #expect {
      _ = try Self.load(text)
    } throws: { error in
      (error as? InputError)?.message.contains("nested more than 100 levels") == true
    }
  }

  /// The syntax check accepts all of TOML 1.0 that a samconfig may use, so valid files
  /// still reach TOMLKit unchanged.
  @Test func everyTOMLFormIsStillAccepted() throws {
    let text = """
      # comment
      version = 0.1
      \u{0020}
      [default.global.parameters]
      stack_name = "a \\"quoted\\" \\u00e9 \\U0001F600 name" # trailing comment
      region = 'us-east-1'
      int = +1_000
      hex = 0xDEAD_beef
      oct = 0o755
      bin = 0b1010
      float = -6.626e-34
      inf = -inf
      nan = nan
      bool = true
      odt = 1979-05-27T07:32:00.999-07:00
      ldt = 1979-05-27 07:32:00
      ld = 1979-05-27
      lt = 07:32:00.5
      multi = \"\"\"
      line one \\
         joined ""quote"" \"\"\"\"
      literal = '''
      C:\\path ''it'' '''
      array = [
        "one", # comment in an array
        'two',
        [1, 2], { a = 1, "b c" = [3] },
      ]
      "quoted key".dotted . key = "x"
      [[prod.deploy.parameters.list]]
      x = 1
      [ prod . "deploy" . 'parameters' ]
      confirm_changeset = false\r
      done = true
      """
    #expect(TOMLSyntaxCheck.firstFault(in: SourceText(file: "samconfig.toml", text: text)) == nil)
  }

  /// The repository's samconfig and those of the shared cases load as before.
  @Test func realSamconfigFilesAreAccepted() throws {
    var files = [Paths.repository.appendingPathComponent("infra/samconfig.toml")]
    let cases = Paths.shared.appendingPathComponent("cases")
    let enumerator = FileManager.default.enumerator(at: cases, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      if url.lastPathComponent == "samconfig.toml" { files.append(url) }
    }
    #expect(files.count > 1)
    for file in files {
      let source = try SourceText.read(path: file.path)
      #expect(TOMLSyntaxCheck.firstFault(in: source) == nil, "\(file.path)")
      _ = try SamConfig.load(source)
    }
  }
}
