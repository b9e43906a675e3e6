/// `while list; do list; done` and `until list; do list; done`
/// (Bash Reference Manual, 3.2.5.1 "Looping Constructs").
public struct LoopClause: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case `while`, until
  }

  public var kind: Kind
  public var condition: [Statement]
  public var body: [Statement]

  public init(kind: Kind, condition: [Statement], body: [Statement]) {
    self.kind = kind
    self.condition = condition
    self.body = body
  }
}
