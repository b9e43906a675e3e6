import Diagnostics

/// Who the image's processes run as, resolved to a UID where the Dockerfile tells.
public enum UserResolution: Sendable, Hashable {
  /// `root`, UID 0, or a user created with UID 0.
  case root(Evidence)
  /// A non-root user; `uid` is nil when the system assigns it at build time.
  case nonRoot(uid: Int?, name: String?, Evidence)
  /// A named user that does not exist in the image: never created by a RUN and not a
  /// user of the (known) base image. The container does not start ("unable to find
  /// user": https://docs.docker.com/reference/dockerfile/#user).
  case missing(Evidence)
  /// The files cannot tell who the user is: a variable not known statically, or a name
  /// or default user of a base image the catalog does not know.
  case unresolved(Evidence)

  public var evidence: Evidence {
    switch self {
    case .root(let evidence), .nonRoot(_, _, let evidence), .missing(let evidence), .unresolved(let evidence): evidence
    }
  }

  /// True for root, false for a known non-root user, nil when missing or unresolved.
  public var isRoot: Bool? {
    switch self {
    case .root: true
    case .nonRoot: false
    case .missing, .unresolved: nil
    }
  }
}

extension UserResolution {
  /// Resolves a USER value: `root` and `0` are root; a number is that UID; a name is
  /// looked up among the accounts RUN created in the image's stages (the last creation
  /// wins), then among the base image's known users; anything else is unresolved.
  /// `USER name:group` and `USER uid:gid` resolve by the user part. A name is
  /// unresolved when one of `changes` (steps that may rewrite the user database:
  /// `usermod -u`, a write to `/etc/passwd`) comes after the account it names was made.
  public static func resolve(_ user: ExpandedValue, accounts: [Located<UserAccount>], changes: [Located<String>] = [], base: BaseImageProfile?, at location: SourceLocation) -> UserResolution {
    guard case .resolved(let name) = user else {
      if case .unresolved(let expression, let reason) = user {
        return .unresolved(Evidence("USER `\(expression)` is not known statically: \(reason)", at: location))
      }
      return .unresolved(Evidence("USER is not known", at: location))
    }
    if name == "root" { return .root(Evidence("USER root", at: location)) }
    if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isNumber }), let uid = Int(name) {
      if uid == 0 { return .root(Evidence("USER \(name) is UID 0", at: location)) }
      let known = accounts.last { $0.value.kind == .user && $0.value.id == uid }?.value.name
      return .nonRoot(uid: uid, name: known, Evidence("USER \(name) is numeric UID \(uid)", at: location))
    }
    if let account = accounts.last(where: { $0.value.kind == .user && $0.value.name == name }) {
      let created = "user `\(name)` is created by \(account.value.tool) at line \(account.location.line)"
      if let change = changes.first(where: { $0.location.line >= account.location.line }) {
        return .unresolved(Evidence("\(created), but \(change.value) at line \(change.location.line) may change who `\(name)` is", at: change.location))
      }
      guard let id = account.value.id else {
        let how = account.value.idExpression.map { "with UID `\($0)`, which is not known statically" } ?? "without an explicit UID (the system assigns a non-zero one)"
        return .nonRoot(uid: nil, name: name, Evidence("\(created) \(how)", at: account.location))
      }
      if id == 0 { return .root(Evidence("\(created) with UID 0", at: account.location)) }
      return .nonRoot(uid: id, name: name, Evidence("\(created) with UID \(id)", at: account.location))
    }
    if let base, let uid = base.users[name] {
      if let change = changes.first {
        return .unresolved(Evidence("user `\(name)` of base image \(base.name), but \(change.value) at line \(change.location.line) may change who it is", at: change.location))
      }
      let evidence = Evidence("user `\(name)` has UID \(uid) in base image \(base.name) (\(base.source))", at: location)
      return uid == 0 ? .root(evidence) : .nonRoot(uid: uid, name: name, evidence)
    }
    let created = "user `\(name)` is never created by a RUN (useradd/adduser) in the image's stages"
    guard let base else {
      return .unresolved(Evidence("\(created), and the base image's users are not known", at: location))
    }
    return .missing(Evidence("\(created), and it is not a user of base image \(base.name) (\(base.source))", at: location))
  }
}
