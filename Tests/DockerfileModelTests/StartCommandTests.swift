import Testing
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
}
