import Diagnostics
import Testing
import TemplateModel

/// A key holding a NUL character in a TOML file other than samconfig (Streamlit's
/// `.streamlit/config.toml`): toml++ hands it over cut at the NUL, so it is an input error
/// at the key, never a key dropped or one taking another's place.
@Suite struct TOMLDocumentNULKeyTests {
  @Test(arguments: [
    // Cut at the NUL, the key is `server.port`: it had silently set the port to 9000.
    ("[server]\nport = 8501\n" + #""port\u0000x" = 9000"# + "\n", "server.port", 3),
    (#"["ser\u0000ver"]"# + "\nport = 9000\n", "ser", 1),
    ("[server]\n" + #""po\u0000rt" = 9000"# + "\n", "server.po", 2),
  ])
  func aKeyWithANULIsAnInputError(text: String, cut: String, line: Int) {
    let error = #expect(throws: InputError.self) { try TOMLDocument.parse(SourceText(file: "config.toml", text: text)) }
    #expect(error?.message == "the key \"\(cut)...\" holds a NUL character (\\u0000), which vibe-rules cannot read")
    #expect(error?.location?.line == line, "\(String(describing: error?.location))")
  }

  @Test func otherKeysAreRead() throws {
    let document = try TOMLDocument.parse(SourceText(file: "config.toml", text: "[server]\nport = 8501\n\"a\\u0041\" = 1\n"))
    #expect(document[["server", "port"]]?.value == .integer(8501))
    #expect(document[["server", "aA"]]?.value == .integer(1))
  }
}
