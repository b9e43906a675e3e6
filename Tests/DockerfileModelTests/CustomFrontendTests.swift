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

  /// BuildKit chooses the frontend with `DetectSyntax`, which skips a `#!` first line
  /// (frontend/dockerfile/parser/directives.go); the parser's own directive reading stops
  /// at it.
  @Test(arguments: [
    ("#!/usr/bin/env buildctl\n# syntax=example.com/frontend:1\nFROM a\n", 2),
    ("#!/bin/sh\n# check=skip=all\n#syntax = example.com/frontend:1\nFROM a\n", 3),
    ("# escape=`\n# SYNTAX=example.com/frontend:1 --flag\nFROM a\n", 2),
  ])
  func frontendAsBuildKitDetectsIt(_ text: String, line: Int) throws {
    let frontend = try #require(try TestSupport.parse(text).directives.customFrontend)
    #expect(frontend.value.hasPrefix("example.com/frontend:1"))
    #expect(frontend.location.line == line)
  }

  /// Lines DetectSyntax does not read as the directive: after another line, indented, after
  /// a second `#!` line, with a Unicode space (Go's `\s` is ASCII only), and Docker's own
  /// image followed by more words (the image is the value up to its first space).
  @Test(arguments: [
    "FROM a\n# syntax=example.com/frontend:1\n",
    "# note\n# syntax=example.com/frontend:1\nFROM a\n",
    " # syntax=example.com/frontend:1\nFROM a\n",
    "#!/bin/sh\n#!/bin/sh\n# syntax=example.com/frontend:1\nFROM a\n",
    "#\u{00A0}syntax=example.com/frontend:1\nFROM a\n",
    "# syntax=docker/dockerfile:1 ignored words\nFROM a\n",
  ])
  func notACustomFrontend(_ text: String) throws {
    #expect(try TestSupport.parse(text).directives.customFrontend == nil)
  }

  @Test func noDirective() throws {
    #expect(try TestSupport.parse("FROM a\n").directives.customFrontend == nil)
  }
}
