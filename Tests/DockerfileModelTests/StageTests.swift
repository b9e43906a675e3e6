import Testing
@testable import DockerfileModel

/// Stages, FROM <stage>, COPY --from, the final stage and inheritance
/// (https://docs.docker.com/build/building/multi-stage/).
@Suite("Stages")
struct StageTests {
  let text = """
    FROM golang:1.22 AS build
    WORKDIR /src
    RUN go build -o /out/app .

    FROM build AS test
    RUN go test ./...

    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /usr/local/bin/app
    COPY --from=0 /out/app /app2
    USER nonroot
    ENTRYPOINT ["/usr/local/bin/app"]
    """

  @Test("Stages have names, indexes and bases")
  func stages() throws {
    let dockerfile = try TestSupport.parse(text)
    #expect(dockerfile.stages.map(\.index) == [0, 1, 2])
    #expect(dockerfile.stages.map(\.name) == ["build", "test", nil])
    #expect(dockerfile.stages[0].base == .image("golang:1.22"))
    #expect(dockerfile.stages[1].base == .stage(0))
    #expect(dockerfile.finalStage.index == 2)
    #expect(dockerfile.stage(named: "TEST")?.index == 1)
    #expect(dockerfile.stages[1].instructions.count == 1)
    #expect(dockerfile.finalStage.location.line == 8)
  }

  @Test("COPY --from names a stage by name or index")
  func copyFrom() throws {
    let dockerfile = try TestSupport.parse(text)
    let sources = dockerfile.finalStage.instructions.compactMap { located -> String? in
      if case .copy(let copy) = located.instruction { return copy.from }
      return nil
    }
    #expect(sources == ["build", "0"])
    #expect(dockerfile.copySource("build", inStage: 2) == .stage(0))
    #expect(dockerfile.copySource("0", inStage: 2) == .stage(0))
    #expect(dockerfile.copySource("TEST", inStage: 2) == .stage(1))
    #expect(dockerfile.copySource("test", inStage: 1) == .image("test"))
    #expect(dockerfile.copySource("busybox:1.36", inStage: 2) == .image("busybox:1.36"))
    let facts = dockerfile.finalImage
    #expect(facts.providesProgram("app").isPresent)
    #expect(facts.user?.value.resolution.isRoot == false)
  }

  @Test("A stage FROM another stage inherits its configuration")
  func inheritance() throws {
    let dockerfile = try TestSupport.parse("""
      FROM python:3.12-slim AS base
      ENV APP=/app
      WORKDIR /app
      RUN apt-get update && apt-get install -y --no-install-recommends curl && useradd -u 1001 app
      USER app
      EXPOSE 8501
      LABEL team=data
      HEALTHCHECK CMD curl -f http://localhost:8501/
      ENTRYPOINT ["python"]
      CMD ["main.py"]
      FROM base AS final
      WORKDIR sub
      """)
    let facts = dockerfile.finalImage
    #expect(facts.stageChain == [0, 1])
    #expect(facts.environment["APP"]?.value == .resolved("/app"))
    #expect(facts.workdir?.value == .resolved("/app/sub"))
    #expect(facts.user?.value.resolution.isRoot == false)
    #expect(facts.exposedPorts.map(\.value) == [.port(PortSpec(ports: 8501...8501))])
    #expect(facts.labels["team"]?.value == .resolved("data"))
    #expect(facts.healthcheck?.location.line == 8)
    #expect(facts.entrypoint?.value == .exec(["python"]))
    #expect(facts.cmd?.value == .exec(["main.py"]))
    #expect(facts.providesProgram("curl").isPresent)
    #expect(facts.base.value == .image("python:3.12-slim"))
  }

  @Test("ENTRYPOINT clears a CMD inherited from the base stage")
  func entrypointResetsCmd() throws {
    let inherited = try TestSupport.parse("FROM alpine AS a\nCMD [\"x\"]\nFROM a\nENTRYPOINT [\"y\"]\n").finalImage
    #expect(inherited.cmd == nil)
    let sameStage = try TestSupport.parse("FROM alpine\nCMD [\"x\"]\nENTRYPOINT [\"y\"]\n").finalImage
    #expect(sameStage.cmd?.value == .exec(["x"]))
  }
}
