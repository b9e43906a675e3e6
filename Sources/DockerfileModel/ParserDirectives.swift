import Diagnostics

/// The parser directives at the top of a Dockerfile: `# syntax=`, `# escape=`, `# check=`.
///
/// Shape: a directive is a comment `#` + key + `=` + value, the key matching
/// `[a-zA-Z][a-zA-Z0-9]*` case-insensitively, whitespace allowed around `=`. Directives are
/// read only before anything else: the first line that is not a directive (a blank line, an
/// ordinary comment, an unknown key, an instruction) ends them, and a directive-shaped
/// comment after that is an ordinary comment. Repeating a directive, or an escape other
/// than `\` or a backtick, is an `InputError`.
///
/// See "Parser directives" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#parser-directives) and BuildKit's
/// `frontend/dockerfile/parser/directives.go`.
public struct ParserDirectives: Sendable, Hashable {
  /// `# syntax=` (the frontend image; see `customFrontend`).
  public var syntax: Located<String>?
  /// `# check=` (build-check configuration; recorded, not used).
  public var check: Located<String>?
  /// `# escape=`, as written.
  public var escape: Located<String>?
  /// The `syntax` directive as BuildKit finds it to choose the frontend (`FrontendSyntax`):
  /// also after a `#!` first line, and not when indented. Usually the same as `syntax`.
  public var frontend: Located<String>?

  /// The escape token in force: `\` unless `# escape=` set a backtick.
  public var escapeToken: Unicode.Scalar {
    escape?.value == "`" ? "`" : "\\"
  }

  /// Docker's own Dockerfile frontend images on Docker Hub, at any tag or digest
  /// (`docker/dockerfile:1`, `docker/dockerfile:1.7-labs`, `docker/dockerfile-upstream:master`).
  static let dockerFrontends: Set = ["docker/dockerfile", "docker/dockerfile-upstream"]

  /// The `syntax` directive BuildKit reads (`frontend`) when its image, the value up to
  /// its first space, is any other frontend image (or not an image reference): BuildKit hands the whole build to that image, which
  /// decides what every line means, so what vibe-rules reads at Docker's Dockerfile
  /// semantics may not be what is built. Nil without the directive or with Docker's own
  /// frontend. Reference: "Custom Dockerfile syntax",
  /// https://docs.docker.com/build/buildkit/frontend/
  public var customFrontend: Located<String>? {
    guard let frontend, !Self.isDockerFrontend(FrontendSyntax.image(of: frontend.value)) else { return nil }
    return frontend
  }

  /// Whether `image` names Docker's own Dockerfile frontend (`dockerFrontends`).
  public static func isDockerFrontend(_ image: String) -> Bool {
    guard let reference = ImageReference(image) else { return false }
    return reference.domain == ImageReference.dockerHub && dockerFrontends.contains(reference.path)
  }

  public init(syntax: Located<String>? = nil, check: Located<String>? = nil, escape: Located<String>? = nil) {
    self.syntax = syntax
    self.check = check
    self.escape = escape
  }
}

/// Reads directives line by line until the first line that is not one.
struct DirectiveScanner {
  private(set) var directives = ParserDirectives()
  private(set) var done = false

  /// Considers one physical line, already stripped of leading whitespace, that starts at
  /// `line`:`column`.
  mutating func consider(_ text: ArraySlice<Unicode.Scalar>, line: Int, column: Int, file: String) throws(InputError) {
    guard !done else { return }
    guard let (key, value, valueOffset) = Self.match(Array(text)) else {
      done = true
      return
    }
    let lowered = key.lowercased()
    let location = SourceLocation(file: file, line: line, column: column)
    let valueLocation = SourceLocation(file: file, line: line, column: column + valueOffset)
    let located = Located(value, at: location)
    switch lowered {
    case "syntax":
      if directives.syntax != nil { throw Self.duplicate(lowered, at: location) }
      directives.syntax = located
    case "check":
      if directives.check != nil { throw Self.duplicate(lowered, at: location) }
      directives.check = located
    case "escape":
      if directives.escape != nil { throw Self.duplicate(lowered, at: location) }
      guard value == "\\" || value == "`" else {
        throw InputError("invalid escape directive '\(value)': the escape character must be ` or \\", at: valueLocation)
      }
      directives.escape = located
    default:
      done = true
    }
  }

  private static func duplicate(_ key: String, at location: SourceLocation) -> InputError {
    InputError("only one \(key) parser directive can be used", at: location)
  }

  /// Matches `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`; returns key, value and the
  /// value's offset in `text`.
  static func match(_ text: [Unicode.Scalar]) -> (String, String, Int)? {
    guard text.first == "#" else { return nil }
    var index = 1
    while index < text.count, Scalars.isRegexSpace(text[index]) { index += 1 }
    let keyStart = index
    guard index < text.count, Scalars.isASCIILetter(text[index]) else { return nil }
    while index < text.count, Scalars.isASCIILetter(text[index]) || Scalars.isASCIIDigit(text[index]) { index += 1 }
    let key = Scalars.string(text[keyStart..<index])
    while index < text.count, Scalars.isRegexSpace(text[index]) { index += 1 }
    guard index < text.count, text[index] == "=" else { return nil }
    index += 1
    let afterEquals = index
    while index < text.count, Scalars.isRegexSpace(text[index]) { index += 1 }
    var end = text.count
    if index == end {
      // Only whitespace after `=`: the lazy `(.+?)` still takes the last character.
      guard end > afterEquals else { return nil }
      return (key, Scalars.string(text[(end - 1)..<end]), end - 1)
    }
    while end > index, Scalars.isRegexSpace(text[end - 1]) { end -= 1 }
    return (key, Scalars.string(text[index..<end]), index)
  }
}
