/// What a parameter holds at one point of the walk.
enum ParameterValue {
  case unset
  case value(ResolvedWord)
}
