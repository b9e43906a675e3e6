import Testing
import Diagnostics
@testable import DockerfileModel

/// ENTRYPOINT and CMD combined as Docker combines them.
@Suite("Start command")
struct StartCommandTests {
  func start(_ text: String) throws -> [String]? {
    try TestSupport.parse("FROM python:3.12-slim\n" + text).finalImage.startCommand?.arguments
  }

  @Test("Shell and exec forms, alone and combined")
  func combinations() throws {
    #expect(try start("CMD streamlit run app.py\n") == ["/bin/sh", "-c", "streamlit run app.py"])
    #expect(try start("CMD [\"streamlit\", \"run\"]\n") == ["streamlit", "run"])
    #expect(try start("ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"streamlit\", \"run\"]\n") == ["tini", "--", "streamlit", "run"])
    #expect(try start("ENTRYPOINT [\"tini\", \"--\"]\nCMD streamlit run\n") == ["tini", "--", "/bin/sh", "-c", "streamlit run"])
    #expect(try start("ENTRYPOINT streamlit run app.py\nCMD [\"--server.port=1\"]\n") == ["/bin/sh", "-c", "streamlit run app.py"])
    #expect(try start("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD streamlit run\n") == ["/bin/bash", "-o", "pipefail", "-c", "streamlit run"])
    // CMD before ENTRYPOINT in the same stage is kept; one inherited from the base stage is not.
    #expect(try start("CMD [\"a\"]\nENTRYPOINT [\"b\"]\n") == ["b", "a"])
    #expect(try TestSupport.parse("FROM python:3.12-slim AS base\nCMD [\"a\"]\nFROM base\nENTRYPOINT [\"b\"]\n").finalImage.startCommand?.arguments == ["b"])
    #expect(try start("") == nil)
  }

  /// What BuildKit does with arguments that begin with `[` but are not a JSON array: the
  /// shell form, so the model keeps the text as the shell's argument and says why and
  /// where the JSON reading stopped.
  @Test("A CMD, ENTRYPOINT or HEALTHCHECK that is not the JSON array it looks like", arguments: [
    ("CMD [\"streamlit\" \"run\"]", "CMD", 2, 18, "expected `,` or `]` after an element"),
    ("CMD [\"streamlit\", \"run\"", "CMD", 2, 24, "the array is not closed with `]`"),
    ("CMD ['streamlit', 'run']", "CMD", 2, 6, "JSON strings are written in double quotes, not single quotes"),
    ("CMD [\"streamlit\", \"run]", "CMD", 2, 19, "the string that begins here is not closed"),
    ("CMD [\"a\\q\"]", "CMD", 2, 9, "a JSON string cannot hold this escape or control character"),
    ("CMD [\"streamlit\"] extra", "CMD", 2, 19, "text follows the closing `]`"),
    ("ENTRYPOINT [\"tini\" \"--\"]", "ENTRYPOINT", 2, 20, "expected `,` or `]` after an element"),
  ])
  func malformedExecForm(_ line: String, _ instruction: String, _ row: Int, _ column: Int, _ reason: String) throws {
    let facts = try TestSupport.parse("FROM python:3.12-slim\n\(line)\n").finalImage
    let start = try #require(facts.startCommand)
    let text = String(line.drop { $0 != " " }.dropFirst())
    #expect(start.arguments == ["/bin/sh", "-c", text])
    let malformed = try #require(start.malformedExecForm)
    #expect(malformed.instruction == instruction)
    #expect(malformed.location.line == row && malformed.location.column == column)
    #expect(malformed.reason == reason)
    #expect(malformed.firstWord == String(text.prefix { $0 != " " }))
  }

  @Test("Valid exec forms, shell forms and a HEALTHCHECK CMD")
  func wellFormedOrShell() throws {
    // `[ -f app.py ]` is the shell's test command; a malformed CMD after an exec-form
    // ENTRYPOINT is not run by a shell (its argv becomes the program's last arguments).
    let lines = [
      "CMD [\"streamlit\", \"run\"]", "CMD streamlit run", "CMD [ ]", "CMD [\"a\" \"b\"]\nENTRYPOINT streamlit run",
      "CMD [ -f app.py ] && exec streamlit run app.py", "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"a\" \"b\"]",
    ]
    for line in lines {
      #expect(try TestSupport.parse("FROM python:3.12-slim\n\(line)\n").finalImage.startCommand?.malformedExecForm == nil, "\(line)")
    }
    let check = try TestSupport.parse("FROM python:3.12-slim\nHEALTHCHECK --interval=5s CMD [\"curl\" \"-f\"]\n").finalImage.healthcheckMalformed
    #expect(check?.instruction == "HEALTHCHECK CMD")
    #expect(check?.location.column == 39)
    #expect(try TestSupport.parse("FROM python:3.12-slim\nHEALTHCHECK CMD [\"curl\", \"-f\"]\n").finalImage.healthcheckMalformed == nil)
  }

  /// Go decodes a JSON number into a float64: one out of its range fails the decoding, so
  /// BuildKit reads the text as the shell form; a number in range is valid JSON that is
  /// not all strings, which BuildKit rejects.
  @Test("A number out of a double's range makes the shell form; one in range is an error")
  func numbersInExecForm() throws {
    let start = try #require(try TestSupport.parse("FROM python:3.12-slim\nCMD [\"a\", 1e400]\n").finalImage.startCommand)
    #expect(start.arguments == ["/bin/sh", "-c", "[\"a\", 1e400]"])
    #expect(start.malformedExecForm?.reason == "this is not a JSON value")
    #expect(throws: InputError.self) { try TestSupport.parse("FROM python:3.12-slim\nCMD [\"a\", 1]\n") }
  }
}
