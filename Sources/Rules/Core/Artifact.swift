/// The files of a repository that vibe-rules checks.
public enum Artifact: String, Sendable, CaseIterable, Codable, Comparable {
  case template
  case samconfig
  case dockerfile
  case dockerignore
  case buildContext = "build-context"
  case deployScript = "deploy-script"
  case requirements
  case evidence

  public static func < (lhs: Artifact, rhs: Artifact) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
