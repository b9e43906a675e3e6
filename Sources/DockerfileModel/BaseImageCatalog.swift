/// What a base image ships, for the images this project meets most.
///
/// Shape: `profile(for:)` takes an image reference (`python:3.12-slim`,
/// `docker.io/library/node:20-alpine`, `gcr.io/distroless/python3-debian12`) and returns a
/// `BaseImageProfile`, or nil for an image the catalog does not know (its programs are
/// then `.unknown`, never present). Each profile cites where its facts come from.
public struct BaseImageProfile: Sendable, Hashable {
  /// A short description, e.g. "python (Debian bookworm slim)".
  public var name: String
  /// Programs on the default PATH.
  public var present: Set<String>
  /// Programs known to be missing.
  public var absent: Set<String>
  /// True when the image has no programs beyond `present` (scratch, distroless).
  public var hasNothingElse: Bool
  /// Users in `/etc/passwd` and their UIDs.
  public var users: [String: Int]
  /// Where the facts come from.
  public var source: String
  /// The user the image runs as when the Dockerfile sets no USER (the official images
  /// above set none, so root; distroless `:nonroot` tags run as `nonroot`).
  public var defaultUser: String = "root"

  public func availability(of program: String) -> ProgramAvailability {
    if present.contains(program) {
      return .present(Evidence("base image \(name) ships `\(program)` (\(source))"))
    }
    if absent.contains(program) || hasNothingElse {
      return .absent(Evidence("base image \(name) does not ship `\(program)` (\(source))"))
    }
    return .unknown(Evidence("the catalog does not say whether base image \(name) ships `\(program)`"))
  }
}

public enum BaseImageCatalog {
  /// The profile of `reference`, or nil when the image is not in the catalog.
  ///
  /// A reference pinned by digest alone (`python@sha256:…`) does not say which variant it
  /// is: its profile holds only what every variant of the repository agrees on (python is
  /// in all python images, curl is in some), or nil when the variants disagree on the
  /// default user.
  public static func profile(for reference: String) -> BaseImageProfile? {
    let (repository, tag) = split(reference)
    guard let tag else {
      let variants = ["", "slim", "alpine", "debug", "nonroot", "debug-nonroot"].compactMap { profile(repository: repository, tag: $0) }
      let distinct = variants.enumerated().filter { entry in !variants[..<entry.offset].contains(entry.element) }.map(\.element)
      return common(distinct, name: "\(repository) (pinned by digest; variant not known)")
    }
    return profile(repository: repository, tag: tag)
  }

  /// What all `profiles` agree on: programs present in every one, programs absent from
  /// every one, users with the same UID in every one. Nil when there are none or their
  /// default users differ.
  static func common(_ profiles: [BaseImageProfile], name: String) -> BaseImageProfile? {
    guard let first = profiles.first else { return nil }
    if profiles.count == 1 { return first }
    guard profiles.allSatisfy({ $0.defaultUser == first.defaultUser }) else { return nil }
    let programs = profiles.reduce(into: Set<String>()) { $0.formUnion($1.present.union($1.absent)) }
    let present = programs.filter { program in profiles.allSatisfy { $0.availability(of: program).isPresent } }
    let absent = programs.filter { program in
      profiles.allSatisfy { if case .absent = $0.availability(of: program) { true } else { false } }
    }
    let users = first.users.filter { user in profiles.allSatisfy { $0.users[user.key] == user.value } }
    return BaseImageProfile(
      name: name, present: present, absent: absent, hasNothingElse: profiles.allSatisfy(\.hasNothingElse), users: users,
      source: profiles.map(\.source).joined(separator: "; "), defaultUser: first.defaultUser)
  }

  private static func profile(repository: String, tag: String) -> BaseImageProfile? {
    let variant = tag.lowercased()
    if variant.contains("windowsservercore") || variant.contains("nanoserver") { return nil }
    switch repository {
    case "python":
      if variant.contains("alpine") { return pythonAlpine }
      return variant.contains("slim") ? pythonSlim : pythonFull
    case "node":
      if variant.contains("alpine") { return nodeAlpine }
      return variant.contains("slim") ? nodeSlim : nodeFull
    case "debian":
      return debian
    case "ubuntu":
      return ubuntu
    case "alpine":
      return alpine
    case "busybox":
      return busybox
    case "nginx":
      return variant.contains("alpine") ? nginxAlpine : nginxDebian
    case "scratch":
      return scratch
    default:
      guard repository.hasPrefix("gcr.io/distroless/") else { return nil }
      let image = String(repository.dropFirst("gcr.io/distroless/".count))
      return distroless(image: image, debug: variant.contains("debug"), nonroot: variant.contains("nonroot"))
    }
  }

  /// The repository (Docker Hub official images without `docker.io/library/`, as
  /// `ImageReference.familiarRepository` gives them) and tag (`latest` if none) of a
  /// reference; nil tag for a digest-only reference. Registries that mirror the official images unchanged
  /// (Amazon ECR Public's `docker/library`, Google's `mirror.gcr.io`) count as Docker Hub:
  /// the programs in an image do not depend on where it is pulled from.
  static func split(_ reference: String) -> (repository: String, tag: String?) {
    guard let parsed = ImageReference(reference) else {
      let name = reference.split(separator: "@", maxSplits: 1).first.map(String.init) ?? reference
      return (name.lowercased(), "latest")
    }
    var repository = parsed.familiarRepository
    for mirror in ["public.ecr.aws/docker/library/", "mirror.gcr.io/library/", "registry-1.docker.io/library/"] where repository.hasPrefix(mirror) {
      repository = String(repository.dropFirst(mirror.count))
      break
    }
    return (repository, parsed.effectiveTag)
  }

  static let debianUsers = ["root": 0, "daemon": 1, "bin": 2, "sys": 3, "www-data": 33, "nobody": 65534]
  static let alpineUsers = ["root": 0, "nobody": 65534]

  // python:<version>-slim(-bookworm): debian:bookworm-slim plus Python; the Dockerfile
  // installs only ca-certificates, netbase and tzdata, and purges what it used to build.
  // https://github.com/docker-library/python/blob/master/3.12/slim-bookworm/Dockerfile,
  // https://hub.docker.com/_/python ("slim" variant).
  static let pythonSlim = BaseImageProfile(
    name: "python (Debian slim)", present: ["python", "python3", "pip", "pip3", "sh", "bash"],
    absent: ["curl", "wget", "nc", "git"], hasNothingElse: false, users: debianUsers,
    source: "docker-library/python slim Dockerfile; hub.docker.com/_/python")

  // python:<version>(-bookworm): FROM buildpack-deps:bookworm, whose curl and scm layers
  // install curl, wget and git. https://github.com/docker-library/python/blob/master/3.12/bookworm/Dockerfile,
  // https://github.com/docker-library/buildpack-deps/blob/master/debian/bookworm/curl/Dockerfile.
  static let pythonFull = BaseImageProfile(
    name: "python (Debian, buildpack-deps)", present: ["python", "python3", "pip", "pip3", "sh", "bash", "curl", "wget", "git"],
    absent: [], hasNothingElse: false, users: debianUsers,
    source: "docker-library/python bookworm Dockerfile FROM buildpack-deps:bookworm")

  // python:<version>-alpine: alpine plus Python; busybox provides sh, wget and nc.
  // https://github.com/docker-library/python/blob/master/3.12/alpine3.20/Dockerfile.
  static let pythonAlpine = BaseImageProfile(
    name: "python (Alpine)", present: ["python", "python3", "pip", "pip3", "sh", "wget", "nc"],
    absent: ["bash", "curl", "git"], hasNothingElse: false, users: alpineUsers,
    source: "docker-library/python alpine Dockerfile; busybox applets")

  // node:<version>: FROM buildpack-deps (curl, wget, git); creates user node with UID 1000.
  // https://github.com/nodejs/docker-node/blob/main/22/bookworm/Dockerfile.
  static let nodeFull = BaseImageProfile(
    name: "node (Debian, buildpack-deps)", present: ["node", "npm", "npx", "sh", "bash", "curl", "wget", "git"],
    absent: [], hasNothingElse: false, users: debianUsers.merging(["node": 1000]) { $1 },
    source: "nodejs/docker-node bookworm Dockerfile")

  // node:<version>-slim: debian slim; curl and wget are purged after download.
  // https://github.com/nodejs/docker-node/blob/main/22/bookworm-slim/Dockerfile.
  static let nodeSlim = BaseImageProfile(
    name: "node (Debian slim)", present: ["node", "npm", "npx", "sh", "bash"],
    absent: ["curl", "wget", "git"], hasNothingElse: false, users: debianUsers.merging(["node": 1000]) { $1 },
    source: "nodejs/docker-node bookworm-slim Dockerfile")

  // node:<version>-alpine: alpine; busybox wget and nc. https://github.com/nodejs/docker-node/blob/main/22/alpine3.20/Dockerfile.
  static let nodeAlpine = BaseImageProfile(
    name: "node (Alpine)", present: ["node", "npm", "npx", "sh", "wget", "nc"],
    absent: ["bash", "curl", "git"], hasNothingElse: false, users: alpineUsers.merging(["node": 1000]) { $1 },
    source: "nodejs/docker-node alpine Dockerfile")

  // debian:<suite>[-slim]: a minimal Debian; no curl or wget. https://hub.docker.com/_/debian,
  // https://github.com/debuerreotype/docker-debian-artifacts.
  static let debian = BaseImageProfile(
    name: "debian", present: ["sh", "bash"], absent: ["curl", "wget", "nc", "git"], hasNothingElse: false,
    users: debianUsers, source: "hub.docker.com/_/debian; debuerreotype/docker-debian-artifacts")

  // ubuntu:<release>: a minimal Ubuntu; no curl or wget. https://hub.docker.com/_/ubuntu.
  static let ubuntu = BaseImageProfile(
    name: "ubuntu", present: ["sh", "bash"], absent: ["curl", "wget", "nc", "git"], hasNothingElse: false,
    users: debianUsers, source: "hub.docker.com/_/ubuntu")

  // alpine:<version>: musl + busybox (sh, wget, nc) + apk; no bash or curl. https://hub.docker.com/_/alpine.
  static let alpine = BaseImageProfile(
    name: "alpine", present: ["sh", "wget", "nc", "apk"], absent: ["bash", "curl", "git"], hasNothingElse: false,
    users: alpineUsers, source: "hub.docker.com/_/alpine; busybox applets")

  // busybox: the busybox applets only. https://hub.docker.com/_/busybox.
  static let busybox = BaseImageProfile(
    name: "busybox", present: ["sh", "wget", "nc"], absent: ["bash", "curl", "git"], hasNothingElse: false,
    users: alpineUsers, source: "hub.docker.com/_/busybox")

  // nginx (Debian): installs nginx with gettext-base and curl; user nginx has UID 101.
  // https://github.com/nginxinc/docker-nginx/blob/master/mainline/debian/Dockerfile.
  static let nginxDebian = BaseImageProfile(
    name: "nginx (Debian)", present: ["nginx", "sh", "bash", "curl"], absent: [], hasNothingElse: false,
    users: debianUsers.merging(["nginx": 101]) { $1 }, source: "nginxinc/docker-nginx mainline/debian Dockerfile")

  // nginx:*-alpine: alpine + nginx; user nginx has UID 101.
  // https://github.com/nginxinc/docker-nginx/blob/master/mainline/alpine-slim/Dockerfile.
  static let nginxAlpine = BaseImageProfile(
    name: "nginx (Alpine)", present: ["nginx", "sh", "wget"], absent: ["bash"], hasNothingElse: false,
    users: alpineUsers.merging(["nginx": 101]) { $1 }, source: "nginxinc/docker-nginx mainline/alpine-slim Dockerfile")

  // scratch: an empty filesystem. https://hub.docker.com/_/scratch.
  static let scratch = BaseImageProfile(
    name: "scratch", present: [], absent: [], hasNothingElse: true, users: [:],
    source: "hub.docker.com/_/scratch")

  // gcr.io/distroless/*: "no package managers, shells or any other programs"; language
  // images add their runtime; `:debug` tags add a busybox shell; users root, nonroot
  // (65532) and nobody. https://github.com/GoogleContainerTools/distroless (README, base/README.md).
  static func distroless(image: String, debug: Bool, nonroot: Bool) -> BaseImageProfile {
    var present: Set<String> = []
    if image.hasPrefix("python3") { present.insert("python3"); present.insert("python") }
    if image.hasPrefix("nodejs") { present.insert("node") }
    if image.hasPrefix("java") { present.insert("java") }
    if debug { present.formUnion(["sh", "busybox"]) }
    return BaseImageProfile(
      name: "distroless \(image)\(debug ? " (debug)" : "")", present: present, absent: ["sh", "bash", "curl", "wget", "nc"].filter { !present.contains($0) }.reduce(into: Set<String>()) { $0.insert($1) },
      hasNothingElse: !debug, users: ["root": 0, "nonroot": 65532, "nobody": 65534],
      source: "GoogleContainerTools/distroless README", defaultUser: nonroot ? "nonroot" : "root")
  }
}
