/// `COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] <src>… <dest>`.
///
/// `sources` are the source paths as written (globs and `$` references unexpanded);
/// heredoc sources (`COPY <<EOF /dest`) are in `heredocSources` instead. `from` names a
/// stage (by name or index) or an image. See "COPY" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#copy).
public struct CopyInstruction: Sendable, Hashable {
  public var sources: [String]
  public var heredocSources: [Heredoc]
  public var destination: String
  public var from: String?
  public var chown: String?
  public var chmod: String?
  public var link: Bool
  public var parents: Bool
  public var excludes: [String]

  public init(
    sources: [String], heredocSources: [Heredoc] = [], destination: String, from: String? = nil,
    chown: String? = nil, chmod: String? = nil, link: Bool = false, parents: Bool = false, excludes: [String] = []
  ) {
    self.sources = sources
    self.heredocSources = heredocSources
    self.destination = destination
    self.from = from
    self.chown = chown
    self.chmod = chmod
    self.link = link
    self.parents = parents
    self.excludes = excludes
  }
}
