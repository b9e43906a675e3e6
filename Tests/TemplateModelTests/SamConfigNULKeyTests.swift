import Diagnostics
import Testing
@testable import TemplateModel

/// A samconfig key holding a NUL character (`"pr\u0000od"`, valid TOML) reaches us cut at
/// the NUL: it is an input error at the key, never a config env or parameter dropped
/// without a word (an env whose `confirm_changeset = false` had vanished from the report,
/// which then passed).
@Suite struct SamConfigNULKeyTests {
  @Test(arguments: [
    (#"["pr\u0000od".deploy.parameters]"# + "\nconfirm_changeset = false\n", "pr", 3),
    (#"[prod."de\U00000000ploy".parameters]"# + "\nconfirm_changeset = false\n", "prod.de", 3),
    ("[prod.deploy.parameters]\n" + #""confirm_changeset\u0000x" = false"# + "\n", "prod.deploy.parameters.confirm_changeset", 4),
    // Cut at the NUL, the key equals one written before it: toml++ had handed over one
    // key, and the NUL env or parameter was silently gone.
    ("[prod.deploy.parameters]\nconfirm_changeset = true\n\n" + #"["prod\u0000evil".deploy.parameters]"# + "\nconfirm_changeset = false\n", "prod", 6),
    ("[prod.deploy.parameters]\nconfirm_changeset = false\n" + #""confirm_changeset\u0000" = true"# + "\n", "prod.deploy.parameters.confirm_changeset", 5),
    // After a multi-line string the locator had not seen open (after a tab, inside an
    // array), it took the closing line for an opener and skipped the NUL header: exit 0.
    ("hide =\t\"\"\"\nc = \"\"\"\n" + #"["prod\u0000x".deploy.parameters]"# + "\nconfirm_changeset = false\nd = \"\"\"\n\"\"\"\n", "prod", 5),
    ("hide = [\"\"\"\nc = \"\"\"]\n" + #"["prod\u0000x".deploy.parameters]"# + "\nconfirm_changeset = false\nd = \"\"\"\n\"\"\"\n", "prod", 5),
    // A `]` inside the quoted key: the header had been taken to end there.
    (#"["prod]".deploy.parameters]"# + "\nconfirm_changeset = true\n" + #"["prod]\u0000x".deploy.parameters]"# + "\nconfirm_changeset = false\n", "prod]", 5),
  ])
  func aKeyWithANULIsAnInputError(tables: String, cut: String, line: Int) throws {
    let text = "version = 0.1\n\n" + tables
    let error = #expect(throws: InputError.self) { try SamConfig.load(SourceText(file: "samconfig.toml", text: text)) }
    #expect(error?.message == "samconfig: the key \"\(cut)...\" holds a NUL character (\\u0000), which vibe-rules cannot read and no --config-env can name")
    #expect(error?.location?.line == line, "\(String(describing: error?.location))")
  }

  /// Other escapes in quoted keys are read as any key.
  @Test func otherEscapesInKeysAreRead() throws {
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: "version = 0.1\n[\"pr\\u0041od\".deploy.parameters]\nconfirm_changeset = false\n"))
    #expect(config.environments.map(\.name) == ["prAod"])
    // An escaped backslash before `u0000`, and a literal key, hold no NUL.
    let literal = try SamConfig.load(SourceText(file: "samconfig.toml", text: #"""
      version = 0.1
      ["a\\u0000b".deploy.parameters]
      confirm_changeset = true
      ['c\u0000d'.deploy.parameters]
      confirm_changeset = true
      """#))
    #expect(literal.environments.map(\.name) == [#"a\u0000b"#, #"c\u0000d"#])
    #expect(literal.environments.map(\.location.line) == [2, 4])
  }
}

/// A table written only through dotted keys (`a.b = 1` under `[prod.deploy.parameters]`)
/// is located at that key, not at the table header above it.
@Suite struct SamConfigDottedKeyLocationTests {
  @Test func aDottedKeyIsLocatedWhereItIsWritten() throws {
    let text = "version = 0.1\n\n[prod.deploy.parameters]\nconfirm_changeset = true\n\na.b = 1\n"
    let error = #expect(throws: InputError.self) { try SamConfig.load(SourceText(file: "samconfig.toml", text: text)) }
    #expect(error?.message == "samconfig: a has a value of an unsupported type (table)")
    #expect(error?.location?.line == 6, "\(String(describing: error?.location))")
  }
}

/// Which lines start inside a multi-line string, as TOML reads its strings.
@Suite struct TOMLMultilineStringTests {
  @Test(arguments: [
    ("a = \"\"\"\nx\n\"\"\"\nb = 1\n", [2, 3]),
    ("a =\t'''\n[t]\n'''\n", [2, 3]),
    ("a = \"\"\"x\"\"\"\nb = 1\n", []),
    ("a = \"\"\"\"quoted\"\"\"\"\nb = 1\n", []),
    ("# \"\"\" in a comment\nb = 1\n", []),
    ("a = \"\"\"x\\\"\"\"\nb = 1\n\"\"\"\n", [2, 3]),
    ("a = [\"\"\"\nx\"\"\"]\n", [2]),
    ("a = \"\"\"\\\n  x\"\"\"\n", [2]),
  ] as [(String, [Int])])
  func linesInsideStrings(text: String, lines: [Int]) {
    #expect(TOMLKeyLocator.linesStartingInMultilineStrings(text) == Set(lines))
  }
}

/// A NUL escape in a string value (or a key of an inline table): toml++ hands the string
/// over cut at the NUL (`"CAPABILITY_IAM\u0000 CAPABILITY_NAMED_IAM"` had been read as
/// `CAPABILITY_IAM`, and 10.4 passed on a value the file does not hold). An input error at
/// the escape; escapes that write no NUL, literal strings and comments are read as usual.
@Suite struct SamConfigNULValueTests {
  static let header = "version = 0.1\n[dev.deploy.parameters]\n"

  @Test(arguments: [
    (#"capabilities = "CAPABILITY_IAM\u0000 CAPABILITY_NAMED_IAM""#, 3, 31),
    (#"capabilities = "\U00000000CAPABILITY_IAM""#, 3, 17),
    ("x = \"\"\"\nab\\u0000c\"\"\"", 4, 3),
    (#"tags = { "a\u0000" = "b" }"#, 3, 12),
    (#"list = ["ok", "b\u0000"]"#, 3, 17),
  ])
  func aNULInAStringIsAnInputError(line: String, row: Int, column: Int) throws {
    let text = Self.header + "confirm_changeset = true\n" + line + "\n"
    let error = #expect(throws: InputError.self) { try SamConfig.load(SourceText(file: "samconfig.toml", text: text)) }
    #expect(error?.message == "samconfig: this string holds a NUL character (\\u0000), which vibe-rules cannot read: TOML's reader cuts the string there")
    #expect(error?.location?.line == row + 1 && error?.location?.column == column, "\(String(describing: error?.location))")
  }

  @Test(arguments: [#"region = "a\\u0000b""#, #"region = 'a\u0000b'"#, "region = \"x\" # \\u0000", #"region = "a\u0041""#])
  func otherTextIsRead(_ line: String) throws {
    let config = try SamConfig.load(SourceText(file: "samconfig.toml", text: Self.header + line + "\n"))
    #expect(config.environments.map(\.name) == ["dev"])
  }

  /// Streamlit's config.toml likewise.
  @Test func aNULInAStreamlitValueIsAnInputError() {
    let error = #expect(throws: InputError.self) { try TOMLDocument.parse(SourceText(file: "config.toml", text: "[server]\naddress = \"0.0.0.0\\u0000x\"\n")) }
    #expect(error?.location?.line == 2 && error?.location?.column == 19, "\(String(describing: error?.location))")
  }
}
