import Testing
@testable import DockerfileModel

/// What programs the final image has: base-image catalog, packages, copies, removals.
@Suite("Programs in the image")
struct ProgramAvailabilityTests {
  func availability(_ text: String, _ program: String) throws -> ProgramAvailability {
    try TestSupport.parse(text).finalImage.providesProgram(program)
  }

  @Test("Base-image catalog entries", arguments: [
    ("python:3.12-slim", "python", true), ("python:3.12-slim", "bash", true), ("python:3.12-slim-bookworm", "pip", true),
    ("python:3.12", "curl", true), ("python:3.12-bookworm", "wget", true),
    ("python:3.12-alpine", "wget", true), ("alpine:3.20", "sh", true), ("alpine", "nc", true),
    ("node:20-slim", "node", true), ("node:20", "curl", true), ("nginx:1.27", "curl", true),
    ("debian:bookworm-slim", "bash", true), ("ubuntu:24.04", "sh", true),
    ("docker.io/library/python:3.12-slim", "python3", true), ("public.ecr.aws/docker/library/alpine:3.20", "wget", true),
  ])
  func present(_ image: String, _ program: String, _ expected: Bool) throws {
    #expect(try availability("FROM \(image)\n", program).isPresent == expected)
  }

  @Test("Programs the catalog says are missing", arguments: [
    ("python:3.12-slim", "curl"), ("python:3.12-slim", "wget"), ("python:3.12-alpine", "bash"), ("python:3.12-alpine", "curl"),
    ("alpine:3.20", "bash"), ("alpine:3.20", "curl"), ("debian:bookworm-slim", "curl"), ("ubuntu:22.04", "wget"),
    ("node:20-slim", "curl"), ("gcr.io/distroless/python3-debian12", "sh"), ("gcr.io/distroless/static-debian12", "anything"),
    ("scratch", "sh"),
  ])
  func absent(_ image: String, _ program: String) throws {
    let result = try availability("FROM \(image)\n", program)
    guard case .absent(let evidence) = result else {
      Issue.record("\(program) in \(image): expected absent, got \(result)")
      return
    }
    #expect(evidence.location?.line == 1)
  }

  @Test("An unknown base image is unknown, never present")
  func unknownImage() throws {
    let result = try availability("FROM mycorp/base:1.0\n", "curl")
    guard case .unknown(let evidence) = result else {
      Issue.record("expected unknown, got \(result)")
      return
    }
    #expect(evidence.reason.contains("not in the catalog"))
    guard case .unknown = try availability("ARG BASE\nFROM $BASE\n", "sh") else {
      Issue.record("an unresolved base must be unknown")
      return
    }
    guard case .unknown = try availability("FROM python:3.12-slim\n", "ffmpeg") else {
      Issue.record("an unlisted program must be unknown")
      return
    }
  }

  @Test("apt-get/apt/apk installs make programs present", arguments: [
    "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*",
    "RUN apt install -y curl",
    "RUN DEBIAN_FRONTEND=noninteractive sudo apt-get -o Dpkg::Options::=--force-confnew install -y curl",
    "RUN apk add --no-cache --virtual .deps curl",
    "RUN [\"apt-get\", \"install\", \"-y\", \"curl\"]",
    "RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF",
    "RUN set -eux; \\\n  apt-get update; \\\n  apt-get install -y \\\n    ca-certificates \\\n    curl",
  ])
  func installs(_ run: String) throws {
    let result = try availability("FROM python:3.12-slim\n" + run + "\n", "curl")
    guard case .present(let evidence) = result else {
      Issue.record("expected curl present after `\(run)`, got \(result)")
      return
    }
    #expect(evidence.location?.line == 2)
    #expect(evidence.reason.contains("package `curl`"))
  }

  @Test("Package names map to their programs")
  func packageMap() throws {
    #expect(try availability("FROM debian\nRUN apt-get install -y netcat-openbsd\n", "nc").isPresent)
    #expect(try availability("FROM alpine\nRUN apk add busybox-extras\n", "telnet").isPresent)
    #expect(try availability("FROM debian\nRUN apt-get install -y procps\n", "ps").isPresent)
    #expect(try availability("FROM debian\nRUN apt-get install -y wget\n", "curl") == .absent(try availability("FROM debian\n", "curl").evidence))
  }

  @Test("A later purge or apk del removes the program")
  func removal() throws {
    let purged = try availability("FROM python:3.12\nRUN apt-get purge -y curl\n", "curl")
    guard case .absent(let evidence) = purged else {
      Issue.record("expected absent, got \(purged)")
      return
    }
    #expect(evidence.reason.contains("removed by `apt-get purge`"))
    #expect(evidence.location?.line == 2)
    #expect(try availability("FROM alpine\nRUN apk add curl\nRUN apk del curl\n", "curl").isPresent == false)
    #expect(try availability("FROM debian\nRUN apt-get remove curl\nRUN apt-get install -y curl\n", "curl").isPresent)
    let operations = try TestSupport.parse("FROM debian\nRUN apt-get install -y curl && apt-get purge -y --auto-remove curl\n").finalImage.packageOperations
    #expect(operations.map(\.value.action) == [.install, .remove])
  }

  @Test("pip installs record packages; console scripts stay unknown")
  func pip() throws {
    let text = "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt streamlit==1.38 'requests[socks]>=2' && python -m pip install Flask_Login\n"
    let facts = try TestSupport.parse(text).finalImage
    #expect(facts.packageOperations.map(\.value.package) == ["streamlit", "requests", "flask-login"])
    #expect(facts.packageOperations.allSatisfy { $0.value.manager == .pip })
    guard case .unknown(let evidence) = facts.providesProgram("streamlit") else {
      Issue.record("a pip package's console scripts are not known")
      return
    }
    #expect(evidence.reason.contains("pip package `streamlit`"))
    #expect(facts.providesProgram("curl").isPresent == false)
  }

  @Test("COPY/ADD onto a program path makes the program present")
  func copiedPrograms() throws {
    #expect(try availability("FROM scratch\nCOPY --from=busybox:1.36 /bin/wget /usr/local/bin/\n", "wget").isPresent)
    #expect(try availability("FROM scratch\nCOPY tools/healthcheck /usr/bin/hc\n", "hc").isPresent)
    #expect(try availability("FROM scratch\nWORKDIR /usr/local\nCOPY probe bin/\n", "probe").isPresent)
    #expect(try availability("FROM scratch\nCOPY probe /opt/\n", "probe").isPresent == false)
    guard case .unknown = try availability("FROM scratch\nCOPY bin/ /usr/local/bin/\n", "tool") else {
      Issue.record("a copied directory's files are not known")
      return
    }
  }

  @Test("Accounts created by RUN are recorded")
  func accounts() throws {
    let facts = try TestSupport.parse("FROM alpine\nRUN addgroup -g 1000 app && adduser -D -u 1000 -G app app && addgroup app wheel\n").finalImage
    #expect(facts.accounts.map(\.value) == [
      UserAccount(kind: .group, name: "app", id: 1000, tool: "addgroup"),
      UserAccount(kind: .user, name: "app", id: 1000, tool: "adduser"),
    ])
  }

  @Test("The catalog splits references")
  func referenceSplitting() {
    #expect(BaseImageCatalog.split("python:3.12-slim") == ("python", "3.12-slim"))
    #expect(BaseImageCatalog.split("localhost:5000/team/app") == ("localhost:5000/team/app", "latest"))
    #expect(BaseImageCatalog.split("alpine@sha256:abc") == ("alpine", "latest"))
    #expect(BaseImageCatalog.profile(for: "python:3.12-windowsservercore") == nil)
    #expect(BaseImageCatalog.profile(for: "gcr.io/distroless/base-debian12:debug")?.present.contains("sh") == true)
  }
}
