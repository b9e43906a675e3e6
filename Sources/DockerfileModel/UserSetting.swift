/// The USER in force: as written, expanded, and resolved.
public struct UserSetting: Sendable, Hashable {
  /// The instruction's argument as written (`app:app`, `${UID}`).
  public var written: String
  /// The user part after expansion (before `:`).
  public var user: ExpandedValue
  /// The group part after `:`, if any.
  public var group: String?
  public var resolution: UserResolution
}
