import ShellScriptModel

/// The registry host of an image reference or a `docker login`, as far as it is known:
/// `123456789012.dkr.ecr.us-east-1.amazonaws.com` with the account ID from
/// `$(aws sts get-caller-identity ...)` → account unknown, region `us-east-1`.
///
/// ECR private registries are named `<account>.dkr.ecr.<region>.amazonaws.com`
/// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html); a login
/// without a server logs in to Docker Hub (https://docs.docker.com/reference/cli/docker/login/).
struct RegistryHost {
  var host: ResolvedWord

  /// The host part of `reference` (before the first `/`); nil for a reference without a
  /// registry host (an image on Docker Hub).
  init?(reference: ResolvedWord) {
    var pieces: [ResolvedWord.Piece] = []
    for piece in reference.pieces {
      if case .literal(let text) = piece, let slash = text.firstIndex(of: "/") {
        pieces.append(.literal(String(text[..<slash])))
        let host = ResolvedWord(pieces: pieces)
        guard host.description.containsText(".") || host.description.containsText(":") || host.literal == "localhost" else { return nil }
        self.host = host
        return
      }
      pieces.append(piece)
    }
    return nil
  }

  /// The server a `docker login` names (scheme and trailing `/` removed); nil when it
  /// names none (Docker Hub).
  init?(login: CommandInvocation) {
    guard let operand = Self.operand(of: login) else { return nil }
    var pieces = operand.value.pieces
    if case .literal(var text) = pieces.first {
      for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
      pieces[0] = .literal(text)
    }
    if case .literal(var text) = pieces.last, text.hasSuffix("/") {
      text.removeLast()
      pieces[pieces.count - 1] = .literal(text)
    }
    host = ResolvedWord(pieces: pieces)
  }

  /// The server operand of `docker login [OPTIONS] [SERVER]`.
  static func operand(of login: CommandInvocation) -> Argument? {
    login.positionalArguments(optionsWithValues: ["-u", "--username", "-p", "--password"]).dropFirst().first
  }

  var text: String { host.description }

  /// The region of an ECR host, when written.
  var region: String? {
    let text = host.description
    guard let marker = text.rangeOfText(".dkr.ecr.") else { return nil }
    let region = text[marker.upperBound...].prefix { $0 != "." }
    return region.containsText("$") ? nil : String(region)
  }

  /// True when both name the same registry, false when they differ in a known part (the
  /// region, the domain, a literal account), nil when it cannot be told.
  func isSame(as other: RegistryHost) -> Bool? {
    if host == other.host { return true }
    if let a = host.literal, let b = other.host.literal { return a == b }
    let mine = host.description, theirs = other.host.description
    guard let m = mine.rangeOfText(".dkr.ecr."), let t = theirs.rangeOfText(".dkr.ecr.") else {
      // One is an ECR host, the other a literal host that is not: different registries.
      if mine.containsText(".dkr.ecr.") != theirs.containsText(".dkr.ecr."), host.isLiteral || other.host.isLiteral { return false }
      return nil
    }
    if mine[m.upperBound...] != theirs[t.upperBound...] {
      return mine[m.upperBound...].containsText("$") || theirs[t.upperBound...].containsText("$") ? nil : false
    }
    let accountA = String(mine[..<m.lowerBound]), accountB = String(theirs[..<t.lowerBound])
    if !accountA.containsText("$"), !accountB.containsText("$") { return accountA == accountB }
    // Account IDs read at run time (`aws sts get-caller-identity`): taken to be the same.
    return true
  }
}
