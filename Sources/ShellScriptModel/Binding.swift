/// A variable's value during a static walk.
enum Binding: Sendable, Hashable {
  case scalar(ResolvedWord)
  case array([ResolvedWord])
  case unset
}
