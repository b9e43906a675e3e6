/// A user or group a RUN creates with `useradd`, `adduser`, `groupadd` or `addgroup`.
///
/// `id` is the UID or GID given explicitly (`-u 1000`, `--uid=1000`, `-g 1000` for
/// groupadd/addgroup), nil when the system assigns one or the value is not known
/// statically (`idExpression` then holds it as written, e.g. `$APP_UID`).
public struct UserAccount: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case user
    case group
  }

  public var kind: Kind
  public var name: String
  public var id: Int?
  public var idExpression: String?
  /// `useradd`, `adduser`, `groupadd` or `addgroup`.
  public var tool: String

  public init(kind: Kind, name: String, id: Int? = nil, idExpression: String? = nil, tool: String) {
    self.kind = kind
    self.name = name
    self.id = id
    self.idExpression = idExpression
    self.tool = tool
  }
}
