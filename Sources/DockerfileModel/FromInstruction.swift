/// `FROM [--platform=<platform>] <image> [AS <name>]`.
///
/// `image` is as written (it may hold `$` references to global ARGs); `stageName` is
/// lower-cased, as BuildKit compares stage names case-insensitively. See "FROM" in the
/// Dockerfile reference (https://docs.docker.com/reference/dockerfile/#from).
public struct FromInstruction: Sendable, Hashable {
  public var image: String
  public var stageName: String?
  public var platform: String?

  public init(image: String, stageName: String? = nil, platform: String? = nil) {
    self.image = image
    self.stageName = stageName
    self.platform = platform
  }
}
