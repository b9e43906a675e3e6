import Diagnostics
import Testing
@testable import DockerfileModel

/// The effective facts of the final image.
@Suite("Image facts")
struct ImageFactsTests {
  func facts(_ text: String) throws -> ImageFacts {
    try TestSupport.parse(text).finalImage
  }

  @Test("The case-06 Dockerfile: python slim, UID 1000, port 8501, exec CMD")
  func case06() throws {
    let facts = try facts("""
      FROM python:3.12-slim

      WORKDIR /app
      COPY requirements.txt .
      RUN pip install --no-cache-dir -r requirements.txt
      COPY app/ ./app/

      RUN useradd --uid 1000 --create-home appuser
      USER 1000
      EXPOSE 8501
      CMD ["streamlit", "run", "app/main.py", "--server.port=8501", "--server.address=0.0.0.0"]
      """)
    #expect(facts.user?.value.resolution == .nonRoot(uid: 1000, name: "appuser", Evidence("USER 1000 is numeric UID 1000", at: facts.user?.location)))
    #expect(facts.user?.location.line == 9)
    #expect(facts.workdir?.value == .resolved("/app"))
    #expect(facts.exposedPorts.first?.value == .port(PortSpec(ports: 8501...8501)))
    #expect(facts.cmd?.value.program == "streamlit")
    #expect(facts.healthcheck == nil)
    let curl = facts.providesProgram("curl")
    #expect(curl == .absent(curl.evidence))
    #expect(curl.evidence.location?.line == 1)
    #expect(facts.providesProgram("python").isPresent)
  }

  @Test("USER resolution: Debian useradd/groupadd spellings", arguments: [
    ("RUN groupadd -g 2000 app && useradd -u 2000 -g app -m app\nUSER app", 2000),
    ("RUN useradd --uid=3000 --gid 3000 app\nUSER app:app", 3000),
    ("RUN useradd -r -u 999 svc\nUSER svc", 999),
    ("RUN adduser --system --uid 1500 --group web\nUSER web", 1500),
    ("RUN useradd -u1234 tight\nUSER tight", 1234),
  ])
  func debianUsers(_ lines: String, _ uid: Int) throws {
    let resolution = try facts("FROM debian:bookworm-slim\n" + lines + "\n").user?.value.resolution
    guard case .nonRoot(let found, _, _) = resolution else {
      Issue.record("expected a non-root user, got \(String(describing: resolution))")
      return
    }
    #expect(found == uid)
  }

  @Test("USER resolution: Alpine/busybox spellings", arguments: [
    ("RUN addgroup -S app && adduser -S -D -u 1000 -G app app\nUSER app", 1000),
    ("RUN adduser -D -u 1000 app\nUSER app", 1000),
    ("RUN addgroup -g 1001 -S web && adduser -u 1001 -S web -G web\nUSER web:web", 1001),
    ("RUN adduser -D -g 'App User' -u 4000 app\nUSER app", 4000),
  ])
  func alpineUsers(_ lines: String, _ uid: Int) throws {
    let resolution = try facts("FROM alpine:3.20\n" + lines + "\n").user?.value.resolution
    guard case .nonRoot(let found, _, _) = resolution else {
      Issue.record("expected a non-root user, got \(String(describing: resolution))")
      return
    }
    #expect(found == uid)
  }

  @Test("USER resolution: root, numeric, system-assigned, base-image and unknown users")
  func otherUsers() throws {
    #expect(try facts("FROM alpine\nUSER root\n").user?.value.resolution.isRoot == true)
    #expect(try facts("FROM alpine\nUSER 0:0\n").user?.value.resolution.isRoot == true)
    let numeric = try facts("FROM alpine\nUSER 1000:1000\n").user?.value
    #expect(numeric?.group == "1000")
    #expect(numeric?.resolution.isRoot == false)
    let assigned = try facts("FROM debian\nRUN useradd -m app\nUSER app\n").user?.value.resolution
    guard case .nonRoot(nil, "app", let evidence) = assigned else {
      Issue.record("expected a system-assigned UID")
      return
    }
    #expect(evidence.reason.contains("without an explicit UID"))
    #expect(evidence.location?.line == 2)
    let node = try facts("FROM node:20-slim\nUSER node\n").user?.value.resolution
    #expect(node == .nonRoot(uid: 1000, name: "node", node?.evidence ?? Evidence("")))
    let unknown = try facts("FROM python:3.12-slim\nUSER ghost\n").user?.value.resolution
    guard case .missing(let reason) = unknown else {
      Issue.record("expected missing: python:3.12-slim has no user ghost")
      return
    }
    #expect(reason.reason.contains("user `ghost` is never created"))
    let unknownBase = try facts("FROM mycorp/base\nUSER ghost\n").user?.value.resolution
    guard case .unresolved(let baseReason) = unknownBase else {
      Issue.record("expected unresolved: the base image's users are not known")
      return
    }
    #expect(baseReason.reason.contains("the base image's users are not known"))
    #expect(try facts("FROM alpine\nRUN useradd -u $APP_UID app\nUSER app\n").user?.value.resolution.isRoot == false)
    #expect(try facts("FROM alpine\n").user == nil)
  }

  @Test("Without USER the base image's default user applies")
  func effectiveUser() throws {
    #expect(try facts("FROM python:3.12-slim\n").effectiveUser.isRoot == true)
    #expect(try facts("FROM gcr.io/distroless/static-debian12:nonroot\n").effectiveUser == .nonRoot(uid: 65532, name: "nonroot", try facts("FROM gcr.io/distroless/static-debian12:nonroot\n").effectiveUser.evidence))
    #expect(try facts("FROM mycorp/base\n").effectiveUser.isRoot == nil)
    #expect(try facts("FROM scratch\n").effectiveUser.isRoot == true)
    #expect(try facts("FROM alpine\nUSER 1000\n").effectiveUser.isRoot == false)
  }

  @Test("WORKDIR: relative paths join, absolute paths reset")
  func workdir() throws {
    #expect(try facts("FROM a\nWORKDIR /a\nWORKDIR b\nWORKDIR ../c\n").workdir?.value == .resolved("/a/c"))
    #expect(try facts("FROM a\nWORKDIR rel\n").workdir?.value == .resolved("/rel"))
    #expect(try facts("FROM a\nENV D=/x\nWORKDIR $D/y\n").workdir?.value == .resolved("/x/y"))
  }

  @Test("LABEL: quotes removed, several per line; MAINTAINER sets the author, not a label")
  func labels() throws {
    let image = try facts("FROM a\nLABEL \"com.example.name\"=\"My App\" version=1.0 description='a b'\nMAINTAINER me\n")
    let labels = image.labels
    #expect(labels["com.example.name"]?.value == .resolved("My App"))
    #expect(labels["version"]?.value == .resolved("1.0"))
    #expect(labels["description"]?.value == .resolved("a b"))
    #expect(labels["maintainer"] == nil)
    #expect(image.author?.value == "me")
  }

  @Test("EXPOSE: ranges, protocols, variables")
  func expose() throws {
    let ports = try facts("FROM a\nARG P\nENV Q=9000\nEXPOSE 80/udp 8000-8002 $Q $P\n").exposedPorts.map(\.value)
    #expect(ports.count == 4)
    #expect(ports[0] == .port(PortSpec(ports: 80...80, transportProtocol: .udp)))
    #expect(ports[1] == .port(PortSpec(ports: 8000...8002)))
    #expect(ports[2] == .port(PortSpec(ports: 9000...9000)))
    guard case .unresolved = ports[3] else {
      Issue.record("EXPOSE $P should be unresolved")
      return
    }
  }

  @Test("HEALTHCHECK: NONE overrides, the last one wins")
  func healthcheck() throws {
    #expect(try facts("FROM a AS b\nHEALTHCHECK CMD x\nFROM b\nHEALTHCHECK NONE\n").healthcheck?.value == HealthCheckInstruction.none)
    let check = try facts("FROM a\nHEALTHCHECK --interval=10s CMD [\"x\"]\n").healthcheck?.value
    guard case .check(let found) = check else {
      Issue.record("expected a check")
      return
    }
    #expect(found.effectiveInterval == 10)
    #expect(found.effectiveTimeout == 30)
  }

  @Test("SHELL, STOPSIGNAL and VOLUME are recorded")
  func otherFacts() throws {
    let facts = try facts("FROM a\nSHELL [\"bash\", \"-c\"]\nSTOPSIGNAL SIGINT\nVOLUME /data [\"/x\"]\n")
    #expect(facts.shell?.value == ["bash", "-c"])
    #expect(facts.stopSignal?.value == .resolved("SIGINT"))
    #expect(facts.volumes.map(\.value) == [.resolved("/data"), .resolved("[/x]")])
  }
}
