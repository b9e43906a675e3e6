/// Whether the image has a program, and why we think so.
///
/// `.unknown` is the honest answer when the base image is not in `BaseImageCatalog` or
/// depends on an unknown build argument: an unknown image is never assumed to have a
/// program.
public enum ProgramAvailability: Sendable, Hashable {
  case present(Evidence)
  case absent(Evidence)
  case unknown(Evidence)

  public var evidence: Evidence {
    switch self {
    case .present(let evidence), .absent(let evidence), .unknown(let evidence): evidence
    }
  }

  public var isPresent: Bool {
    if case .present = self { return true }
    return false
  }
}
