import Testing
@testable import DockerfileModel

/// Image references normalised as Docker does (distribution/reference `ParseNormalizedNamed`).
@Suite("Image references")
struct ImageReferenceTests {
  static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

  @Test("Spellings of one official image normalise to docker.io/library/<name>", arguments: [
    "python:3.12-slim", "docker.io/library/python:3.12-slim", "index.docker.io/library/python:3.12-slim",
    "library/python:3.12-slim", "docker.io/python:3.12-slim",
  ])
  func officialImage(_ text: String) throws {
    let reference = try #require(ImageReference(text))
    #expect(reference.domain == "docker.io")
    #expect(reference.path == "library/python")
    #expect(reference.repository == "docker.io/library/python")
    #expect(reference.tag == "3.12-slim")
    #expect(reference.effectiveTag == "3.12-slim")
    #expect(reference.familiarRepository == "python")
  }

  @Test("Tags and digests")
  func tagsAndDigests() throws {
    let pinned = try #require(ImageReference("python:3.12-slim@\(Self.digest)"))
    #expect(pinned.tag == "3.12-slim")
    #expect(pinned.digest == Self.digest)
    #expect(pinned.effectiveTag == "3.12-slim")
    let digestOnly = try #require(ImageReference("python@\(Self.digest)"))
    #expect(digestOnly.tag == nil)
    #expect(digestOnly.effectiveTag == nil)
    #expect(digestOnly.repository == "docker.io/library/python")
    #expect(ImageReference("python")?.effectiveTag == "latest")
    #expect(ImageReference("python")?.description == "docker.io/library/python")
  }

  @Test("Other registries and namespaces keep their domain and path")
  func otherRegistries() throws {
    #expect(ImageReference("bitnami/redis:7")?.repository == "docker.io/bitnami/redis")
    #expect(ImageReference("bitnami/redis:7")?.familiarRepository == "bitnami/redis")
    #expect(ImageReference("gcr.io/distroless/python3-debian12:nonroot")?.repository == "gcr.io/distroless/python3-debian12")
    let local = try #require(ImageReference("localhost:5000/app"))
    #expect(local.domain == "localhost:5000")
    #expect(local.path == "app")
    #expect(local.tag == nil)
    #expect(ImageReference("localhost/app:1")?.domain == "localhost")
    #expect(ImageReference("registry.example.com/python:3.12-slim")?.repository == "registry.example.com/python")
    #expect(ImageReference("[::1]:5000/app:1")?.domain == "[::1]:5000")
  }

  @Test("Invalid references are rejected with a reason", arguments: [
    "", "Python:3.12", "python:", "python:-x", "python@sha256:abc", "python@sha256:" + String(repeating: "A", count: 64),
    "py--thon_", "a//b", "python:3.12 slim",
  ])
  func invalid(_ text: String) {
    #expect(ImageReference(text) == nil)
    #expect(ImageReference.problem(in: text) != nil)
  }

  @Test("The base image catalog reads normalised references")
  func catalog() {
    #expect(BaseImageCatalog.profile(for: "index.docker.io/library/python:3.12-slim") == BaseImageCatalog.pythonSlim)
    #expect(BaseImageCatalog.profile(for: "python:3.12-slim@\(Self.digest)") == BaseImageCatalog.pythonSlim)
    #expect(BaseImageCatalog.profile(for: "public.ecr.aws/docker/library/python:3.12-slim") == BaseImageCatalog.pythonSlim)
    #expect(BaseImageCatalog.profile(for: "registry.example.com/python:3.12-slim") == nil)
  }
}

/// A base image pinned by digest alone: only what every variant of its repository ships.
@Suite("Digest-only base images")
struct DigestOnlyBaseImageTests {
  @Test("python@sha256: python is present, curl is not known, root by default")
  func python() throws {
    let facts = try TestSupport.parse("FROM python@\(ImageReferenceTests.digest)\n").finalImage
    #expect(facts.providesProgram("python").isPresent)
    guard case .unknown = facts.providesProgram("curl") else {
      Issue.record("curl is in python:3.12 but not in python:3.12-slim: \(facts.providesProgram("curl"))")
      return
    }
    #expect(facts.effectiveUser.isRoot == true)
  }

  @Test("Variants that disagree on the default user give no profile")
  func distroless() {
    #expect(BaseImageCatalog.profile(for: "gcr.io/distroless/python3-debian12@\(ImageReferenceTests.digest)") == nil)
    #expect(BaseImageCatalog.profile(for: "alpine@\(ImageReferenceTests.digest)") == BaseImageCatalog.alpine)
  }
}
