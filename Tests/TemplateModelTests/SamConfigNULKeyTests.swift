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
