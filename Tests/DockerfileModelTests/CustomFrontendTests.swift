import Diagnostics
import Testing
@testable import DockerfileModel

/// `# syntax=`: Docker's own Dockerfile frontend at any tag or digest, or a custom
/// frontend image that decides what the file means (https://docs.docker.com/build/buildkit/frontend/).
@Suite struct CustomFrontendTests {
  @Test(arguments: [
    "docker/dockerfile:1", "docker/dockerfile:1.7-labs", "docker.io/docker/dockerfile:1",
    "docker/dockerfile-upstream:master", "docker/dockerfile@sha256:" + String(repeating: "a", count: 64),
  ])
  func dockersOwnFrontend(_ image: String) throws {
    let file = try TestSupport.parse("# syntax=\(image)\nFROM a\n")
    #expect(file.directives.syntax?.value == image)
    #expect(file.directives.customFrontend == nil)
  }

  @Test(arguments: ["example.com/team/frontend:1", "ghcr.io/docker/dockerfile:1", "tonistiigi/dockerfile:runmount", "docker/dockerfile-evil:1", "NOT AN IMAGE"])
  func customFrontend(_ image: String) throws {
    let file = try TestSupport.parse("# syntax=\(image)\nFROM a\n")
    let frontend = try #require(file.directives.customFrontend)
    #expect(frontend.value == image)
    #expect(frontend.location.line == 1)
  }

  @Test func noDirective() throws {
    #expect(try TestSupport.parse("FROM a\n").directives.customFrontend == nil)
  }
}
