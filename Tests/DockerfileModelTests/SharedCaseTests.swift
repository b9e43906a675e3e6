import Diagnostics
import Foundation
import Testing
@testable import DockerfileModel

/// The Dockerfile faults in `shared/cases` that this model decides, read from disk.
@Suite("Shared cases")
struct SharedCaseTests {
  static let cases = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/cases")

  func dockerfile(_ folder: String) throws -> Dockerfile {
    let path = Self.cases.appendingPathComponent("\(folder)/Dockerfile").path
    return try Dockerfile.parse(SourceText.read(path: path, displayName: "Dockerfile"))
  }

  @Test("06: the final image (python:3.12-slim) has no curl; the FROM is the related location")
  func healthcheckProgram() throws {
    let facts = try dockerfile("06-container-healthcheck-uses-curl-missing-from-slim").finalImage
    guard case .absent(let evidence) = facts.providesProgram("curl") else {
      Issue.record("curl must be absent from python:3.12-slim")
      return
    }
    #expect(evidence.location == SourceLocation(file: "Dockerfile", line: 1, column: 1))
    #expect(facts.providesProgram("python").isPresent)
    #expect(facts.effectiveUser.isRoot == false)
  }

  @Test("07: the Dockerfile HEALTHCHECK is found with its options")
  func dockerfileHealthcheck() throws {
    let facts = try dockerfile("07-dockerfile-healthcheck-ignored-by-ecs").finalImage
    guard case .check(let check)? = facts.healthcheck?.value else {
      Issue.record("expected a HEALTHCHECK")
      return
    }
    #expect(facts.healthcheck?.location.line == 11)
    #expect(check.interval == 30)
    #expect(check.timeout == 5)
    #expect(check.startPeriod == 60)
    #expect(check.retries == 3)
    #expect(check.command.program == "python")
  }

  @Test("17: .streamlit/config.toml is excluded by line 4; the fixed ignore file keeps it")
  func ignoredCopySource() throws {
    let folder = Self.cases.appendingPathComponent("17-dockerignore-excludes-copied-file")
    let parsed = try dockerfile("17-dockerignore-excludes-copied-file")
    let ignore = try DockerIgnore.parse(SourceText.read(path: folder.appendingPathComponent(".dockerignore").path, displayName: ".dockerignore"))
    let problems = BuildContext.check(dockerfile: parsed, contextDirectory: folder.path, dockerignore: ignore)
    let excluded = problems.filter { if case .excluded = $0.kind { true } else { false } }
    #expect(excluded.map(\.source) == [".streamlit/config.toml"])
    #expect(excluded.first?.location.line == 7)
    #expect(excluded.first?.description == "source `.streamlit/config.toml` is excluded by .dockerignore line 4 `.streamlit/`")

    let fixed = try DockerIgnore.parse(SourceText.read(path: folder.appendingPathComponent("fixed/.dockerignore").path))
    let afterFix = BuildContext.check(dockerfile: parsed, contextDirectory: folder.path, dockerignore: fixed)
    #expect(afterFix.allSatisfy { if case .excluded = $0.kind { false } else { true } })
  }
}
