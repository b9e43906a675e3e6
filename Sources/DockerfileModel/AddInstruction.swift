/// `ADD [--chown=…] [--chmod=…] [--link] [--keep-git-dir] [--checksum=…] [--exclude=…]
/// [--unpack] <src>… <dest>`.
///
/// Sources may be local paths, URLs or Git repositories (`isRemote(_:)`). See "ADD" in
/// the Dockerfile reference (https://docs.docker.com/reference/dockerfile/#add).
public struct AddInstruction: Sendable, Hashable {
  public var sources: [String]
  public var heredocSources: [Heredoc]
  public var destination: String
  public var chown: String?
  public var chmod: String?
  public var link: Bool
  public var keepGitDir: Bool
  public var checksum: String?
  public var excludes: [String]
  public var unpack: Bool?

  public init(
    sources: [String], heredocSources: [Heredoc] = [], destination: String, chown: String? = nil,
    chmod: String? = nil, link: Bool = false, keepGitDir: Bool = false, checksum: String? = nil,
    excludes: [String] = [], unpack: Bool? = nil
  ) {
    self.sources = sources
    self.heredocSources = heredocSources
    self.destination = destination
    self.chown = chown
    self.chmod = chmod
    self.link = link
    self.keepGitDir = keepGitDir
    self.checksum = checksum
    self.excludes = excludes
    self.unpack = unpack
  }

  /// Whether an ADD source is fetched rather than read from the build context: an
  /// `http(s)://` URL or a Git address (`git@…`, `git://…`, `…​.git` URLs).
  public static func isRemote(_ source: String) -> Bool {
    let lowered = source.lowercased()
    return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("git@")
      || lowered.hasPrefix("git://") || lowered.hasPrefix("ssh://")
  }
}
