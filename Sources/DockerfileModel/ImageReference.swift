/// An image reference normalised the way Docker normalises the "familiar" names people
/// write (`python:3.12-slim`) into fully qualified ones
/// (`docker.io/library/python:3.12-slim`), so two spellings of one image compare equal.
///
/// Grammar (github.com/distribution/reference, `reference.go` and `normalize.go`;
/// https://pkg.go.dev/github.com/distribution/reference):
///
///     reference := name [ ":" tag ] [ "@" digest ]
///     name      := [ domain "/" ] path-component { "/" path-component }
///     domain    := host [ ":" port ]
///
/// - The first component is a domain only if it contains `.` or `:`, is `localhost`, or
///   has upper-case letters; otherwise the domain is `docker.io` (Docker Hub).
///   `index.docker.io` is the same registry and is rewritten to `docker.io`.
/// - On Docker Hub a one-component path is an official image in the `library` namespace
///   (`python` → `library/python`).
/// - Path components are lower-case letters and digits joined by `.`, `_`, `__` or dashes;
///   the whole name is at most 255 characters.
/// - A tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; no tag and no digest means `latest`.
/// - A digest is `algorithm:hex`; for `sha256` the hex part is exactly 64 lower-case hex
///   digits. A digest-pinned reference may still name a tag (`python:3.12-slim@sha256:…`);
///   the digest decides what is pulled, the tag documents it.
///
/// See also "docker image tag" (https://docs.docker.com/reference/cli/docker/image/tag/):
/// `[HOST[:PORT]/]NAMESPACE/REPOSITORY[:TAG]`, host defaulting to Docker Hub and namespace
/// to `library`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
  /// The registry host (and port), e.g. `docker.io`, `gcr.io`, `localhost:5000`.
  public var domain: String
  /// The repository path inside the registry, e.g. `library/python`, `distroless/base`.
  public var path: String
  /// The tag as written, nil when none is written.
  public var tag: String?
  /// The digest as written (`sha256:<64 hex>`), nil when none is written.
  public var digest: String?

  public static let dockerHub = "docker.io"

  /// Parses and normalises `text`; nil when it is not a valid reference (the reason is
  /// `ImageReference.problem(in:)`).
  public init?(_ text: String) {
    guard case .success(let reference) = Self.parse(text) else { return nil }
    self = reference
  }

  public init(domain: String, path: String, tag: String? = nil, digest: String? = nil) {
    self.domain = domain
    self.path = path
    self.tag = tag
    self.digest = digest
  }

  /// Why `text` is not a valid image reference, or nil when it is.
  public static func problem(in text: String) -> String? {
    if case .failure(let problem) = parse(text) { return problem.message }
    return nil
  }

  /// `docker.io/library/python`: the repository, registry included.
  public var repository: String { domain + "/" + path }

  /// The tag a pull resolves: the written tag, `latest` when neither a tag nor a digest is
  /// written, nil for a digest-only reference (the digest alone does not say which tag).
  public var effectiveTag: String? {
    if let tag { return tag }
    return digest == nil ? "latest" : nil
  }

  /// Official Docker Hub images without `docker.io/library/` (`python`), other Docker Hub
  /// images without `docker.io/` (`bitnami/redis`), others in full.
  public var familiarRepository: String {
    guard domain == Self.dockerHub else { return repository }
    return path.hasPrefix("library/") && !path.dropFirst("library/".count).contains("/") ? String(path.dropFirst("library/".count)) : path
  }

  /// The normalised reference: `docker.io/library/python:3.12-slim@sha256:…`.
  public var description: String {
    repository + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
  }

  struct Problem: Error {
    var message: String
  }

  static func parse(_ text: String) -> Result<ImageReference, Problem> {
    func fail(_ message: String) -> Result<ImageReference, Problem> { .failure(Problem(message: message)) }
    guard !text.isEmpty else { return fail("the image reference is empty") }
    var rest = Substring(text)
    var digest: String?
    if let at = rest.firstIndex(of: "@") {
      let written = rest[rest.index(after: at)...]
      guard isValidDigest(written) else { return fail("`\(written)` is not a valid digest (expected e.g. sha256:<64 hex digits>)") }
      digest = String(written)
      rest = rest[..<at]
    }
    var tag: String?
    if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
      let written = rest[rest.index(after: colon)...]
      guard isValidTag(written) else { return fail("`\(written)` is not a valid tag (letters, digits, `_`, `.` and `-`, at most 128, not starting with `.` or `-`)") }
      tag = String(written)
      rest = rest[..<colon]
    }
    guard !rest.isEmpty else { return fail("the image reference `\(text)` names no repository") }
    guard rest.count <= 255 else { return fail("the repository name is longer than 255 characters") }
    var domain = dockerHub
    var path = rest
    if let slash = rest.firstIndex(of: "/") {
      let first = rest[..<slash]
      if first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
        domain = String(first)
        path = rest[rest.index(after: slash)...]
      }
    }
    guard isValidDomain(domain) else { return fail("`\(domain)` is not a valid registry host") }
    if domain == "index.docker.io" { domain = dockerHub }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    for component in components where !isValidPathComponent(component) {
      if component.contains(where: \.isUppercase) { return fail("repository name `\(path)` must be lower-case") }
      return fail("`\(component)` is not a valid repository path component (lower-case letters and digits joined by `.`, `_`, `__` or `-`)")
    }
    var normalisedPath = String(path)
    if domain == dockerHub && components.count == 1 { normalisedPath = "library/" + normalisedPath }
    return .success(ImageReference(domain: domain, path: normalisedPath, tag: tag, digest: digest))
  }

  private static func isLowerAlphanumeric(_ character: Character) -> Bool {
    character.isASCII && (character.isLowercase || character.isNumber)
  }

  private static func isHexDigit(_ character: Character) -> Bool {
    character.isASCII && (character.isNumber || ("a"..."f").contains(character))
  }

  /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
  private static func isValidPathComponent(_ component: Substring) -> Bool {
    guard let first = component.first, let last = component.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
    var separator = ""
    for character in component {
      if isLowerAlphanumeric(character) {
        guard separator.isEmpty || separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else { return false }
        separator = ""
      } else if ".-_".contains(character) {
        separator.append(character)
      } else {
        return false
      }
    }
    return true
  }

  /// `[\w][\w.-]{0,127}`
  private static func isValidTag(_ tag: Substring) -> Bool {
    guard let first = tag.first, tag.count <= 128, first.isASCII, first.isLetter || first.isNumber || first == "_" else { return false }
    return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
  }

  /// `algorithm:encoded`; sha256 and sha512 digests have exactly 64 and 128 hex digits.
  private static func isValidDigest(_ digest: Substring) -> Bool {
    guard let colon = digest.firstIndex(of: ":") else { return false }
    let algorithm = digest[..<colon]
    let encoded = digest[digest.index(after: colon)...]
    guard !algorithm.isEmpty, algorithm.allSatisfy({ isLowerAlphanumeric($0) || "+._-".contains($0) }),
      encoded.count >= 32, encoded.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "=_-".contains($0)) })
    else { return false }
    switch algorithm {
    case "sha256": return encoded.count == 64 && encoded.allSatisfy(isHexDigit)
    case "sha512": return encoded.count == 128 && encoded.allSatisfy(isHexDigit)
    default: return true
    }
  }

  /// A host name (labels of letters, digits and `-`), an IPv4 address or a bracketed
  /// IPv6 address, optionally followed by `:port`.
  private static func isValidDomain(_ domain: String) -> Bool {
    var host = Substring(domain)
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return false }
      let inside = host[host.index(after: host.startIndex)..<close]
      guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
      host = host[host.index(after: close)...]
      if host.isEmpty { return true }
      guard host.first == ":" else { return false }
      let port = host.dropFirst()
      return !port.isEmpty && port.allSatisfy(\.isNumber)
    }
    if let colon = host.lastIndex(of: ":") {
      let port = host[host.index(after: colon)...]
      guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
      host = host[..<colon]
    }
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    return !labels.isEmpty && labels.allSatisfy { label in
      guard let first = label.first, let last = label.last else { return false }
      return first.isASCII && (first.isLetter || first.isNumber) && last.isASCII && (last.isLetter || last.isNumber)
        && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
  }
}
