import Foundation
import Testing
@testable import DockerfileModel

/// Files with tens of thousands of ENV and ARG lines. The variables an instruction sees
/// used to be rebuilt from every ENV so far for each instruction (n² for n ENV lines:
/// 16,000 lines took minutes); these files must simply parse within the suite, and the
/// values must still follow BuildKit's scoping.
@Suite("Many ENV and ARG lines")
struct ManyVariablesTests {
  @Test("20,000 ENV lines, each expanding the previous one")
  func twentyThousandEnvLines() throws {
    var text = "FROM python:3.12-slim\nENV V0=a\n"
    for index in 1..<20_000 { text += "ENV V\(index)=${V\(index - 1):+x}\n" }
    text += "LABEL last=$V19999\n"
    let facts = try TestSupport.parse(text).finalImage
    #expect(facts.environment.count == 20_000)
    #expect(facts.environment["V19999"]?.value == .resolved("x"))
    #expect(facts.labels["last"]?.value == .resolved("x"))
  }

  @Test("ENV A=$A$A forty times stops doubling at 1 MiB: the value is left unresolved")
  func selfDoublingStopsAtTheLimit() throws {
    var text = "FROM python:3.12-slim\nENV A=aaaaaaaaaaaaaaaa\n"
    for _ in 0..<40 { text += "ENV A=$A$A\n" }
    text += "LABEL a=$A\n"
    let facts = try TestSupport.parse(text).finalImage
    guard case .unresolved? = facts.environment["A"]?.value else {
      Issue.record("A was computed: \(String(describing: facts.environment["A"]?.value).prefix(80))")
      return
    }
    // Sixteen doublings (1 MiB of 16 bytes) are still computed.
    var exact = "FROM python:3.12-slim\nENV A=aaaaaaaaaaaaaaaa\n"
    for _ in 0..<16 { exact += "ENV A=$A$A\n" }
    #expect(try TestSupport.parse(exact).finalImage.environment["A"]?.value == .resolved(String(repeating: "a", count: 1 << 20)))
  }

  @Test("10,000 ARG and 10,000 ENV lines across two stages; ENV wins over an ARG of the same name")
  func argsAndEnvAcrossStages() throws {
    var text = "FROM python:3.12-slim AS base\n"
    for index in 0..<10_000 { text += "ARG A\(index)=arg\(index)\nENV E\(index)=$A\(index)\n" }
    text += "ENV SHARED=env\nARG SHARED=arg\nLABEL shared=$SHARED\nFROM base AS final\nLABEL inherited=$E9999 argument=${A9999:-unset}\n"
    let dockerfile = try TestSupport.parse(text)
    let base = dockerfile.image(of: 0)
    #expect(base.environment["E9999"]?.value == .resolved("arg9999"))
    #expect(base.labels["shared"]?.value == .resolved("env"))
    let final = dockerfile.finalImage
    #expect(final.labels["inherited"]?.value == .resolved("arg9999"))
    // ARGs are not inherited by a stage built FROM another.
    #expect(final.labels["argument"]?.value == .resolved("unset"))
  }

  @Test("5,000 ENV lines under a chain of 1,000 stages: the build context check replays each stage once")
  func longStageChain() throws {
    var text = "FROM python:3.12-slim AS s0\n"
    for index in 0..<5_000 { text += "ENV V\(index)=v\(index)\n" }
    for stage in 1..<Dockerfile.maximumStages { text += "FROM s\(stage - 1) AS s\(stage)\nENV W\(stage)=$V\(stage)\n" }
    text += "COPY ${V42}.txt missing-$W999.txt /\n"
    let dockerfile = try TestSupport.parse(text)
    #expect(dockerfile.stages.count == Dockerfile.maximumStages)
    #expect(dockerfile.finalImage.environment.count == 5_000 + Dockerfile.maximumStages - 1)
    #expect(dockerfile.finalImage.environment["W999"]?.value == .resolved("v999"))
    let root = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data("x".utf8).write(to: root.appendingPathComponent("v42.txt"))
    let problems = BuildContext.check(dockerfile: dockerfile, contextDirectory: root.path, dockerignore: nil)
    #expect(problems.map(\.source) == ["missing-$W999.txt"])
  }
}
