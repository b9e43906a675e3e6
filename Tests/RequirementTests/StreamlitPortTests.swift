import Foundation
import ProjectModel
import Requirements
@testable import Rules
import Testing

/// Requirement 1.4 when Streamlit's own configuration decides the port: the start command
/// gives no `--server.port` and the image sets no `STREAMLIT_SERVER_PORT`, so the port
/// comes from `.streamlit/config.toml` (this repository's sets 8501; the image has it at
/// `/app/.streamlit/config.toml`).
@Suite struct StreamlitPortTests {
  static let noPortOption = RuleExample.Edit.edit(.dockerfile, ImagePortRule.startCommand, "CMD [\"streamlit\", \"run\", \"app.py\"]")
  static let noPortVariable = RuleExample.Edit.edit(.dockerfile, "    STREAMLIT_SERVER_PORT=8501 \\\n", "")
  static let config = "streamlit_ui/.streamlit/config.toml"

  /// 1.4's worst status after `edits`, with the config file's bytes replaced by `config`.
  static func status(_ edits: [RuleExample.Edit], config: [UInt8]? = nil) throws -> Verdict.Status {
    DeployScriptVerdictTests.worst(try DeployScriptVerdictTests.statuses("1.4", edits, target: nil) { workspace in
      if let config { try Data(config).write(to: workspace.directory.appendingPathComponent(Self.config)) }
    })
  }

  static func text(_ port: Int) -> [UInt8] { Array("[server]\nport = \(port)\naddress = \"0.0.0.0\"\n".utf8) }

  @Test func theConfigFileDecidesWithoutOptionOrVariable() throws {
    #expect(try Self.status([Self.noPortOption, Self.noPortVariable], config: Self.text(8501)) == .pass)
    #expect(try Self.status([Self.noPortOption, Self.noPortVariable], config: Self.text(9000)) == .fail)
  }

  /// A step whose config file the files cannot tell (a glob, a RUN that writes one): the
  /// port it may set is not known, so 1.4 needs evidence (it had passed on the default).
  @Test(arguments: [
    "COPY streamlit_ui/ /app/\nCOPY conf/*.toml /app/.streamlit/\n",
    "COPY streamlit_ui/ /app/\nRUN printf '[server]\\nport = 8080\\n' > /app/.streamlit/config.toml\n",
  ])
  func aConfigTheFilesCannotTellNeedsEvidence(copy: String) throws {
    let step = RuleExample.Edit.edit(.dockerfile, "COPY streamlit_ui/ /app/\n", copy)
    #expect(try Self.status([Self.noPortOption, Self.noPortVariable, step]) == .needsEvidence)
  }

  /// Streamlit reads `STREAMLIT_SERVER_PORT`, never `PORT`: `ENV PORT=8501` does not
  /// change the 9000 its config file sets (it had passed as "ENV PORT=8501").
  @Test func streamlitIgnoresPort() throws {
    let port = RuleExample.Edit.edit(.dockerfile, "    STREAMLIT_SERVER_PORT=8501 \\\n", "    PORT=8501 \\\n")
    #expect(try Self.status([Self.noPortOption, port], config: Self.text(9000)) == .fail)
  }

  /// A repeated option: the last occurrence wins (Click keeps it; it had read the first).
  @Test func theLastPortOptionWins() throws {
    let twice = RuleExample.Edit.edit(.dockerfile, "\"--server.port=8501\"", "\"--server.port=8501\", \"--server.port=9000\"")
    #expect(try Self.status([twice]) == .fail)
    let back = RuleExample.Edit.edit(.dockerfile, "\"--server.port=8501\"", "\"--server.port=9000\", \"--server.port=8501\"")
    #expect(try Self.status([back]) == .pass)
  }

  /// A config file in the image that cannot be read as text (a byte that is not UTF-8)
  /// leaves the port undecided (it had been skipped, and Streamlit's default passed).
  @Test func anUnreadableConfigFileLeavesThePortUndecided() throws {
    #expect(try Self.status([Self.noPortOption, Self.noPortVariable], config: Self.text(8501) + [0xFF]) == .needsEvidence)
  }

  /// A loopback address however it is spelt: the resolver reads `0177.0.0.1`, `0x7f.1` and
  /// `2130706433` as 127.0.0.1 (only `127.` had been caught).
  @Test(arguments: ["127.0.0.1", "0177.0.0.1", "0x7f.1", "2130706433", "[::ffff:127.0.0.1]", "::1"])
  func loopbackSpellingsFail(address: String) throws {
    let bound = RuleExample.Edit.edit(.dockerfile, "\"--server.address=0.0.0.0\"", "\"--server.address=\(address)\"")
    #expect(try Self.status([bound]) == .fail)
  }

  /// `0` is the any-address 0.0.0.0 in the resolver's spelling: not loopback.
  @Test func theAnyAddressSpeltAsANumberPasses() throws {
    #expect(try Self.status([RuleExample.Edit.edit(.dockerfile, "\"--server.address=0.0.0.0\"", "\"--server.address=0\"")]) == .pass)
  }
}
