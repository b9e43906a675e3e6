/// `RUN [--mount=…] [--network=…] [--security=…] <command>`.
///
/// `mounts` holds each `--mount` value as written (`type=cache,target=/root/.cache`);
/// `network` is `default`, `none` or `host`; `security` is `sandbox` or `insecure`.
/// `heredocs` are the here-documents of a shell-form RUN; BuildKit runs a heredoc whose
/// marker is the whole command (`RUN <<EOF`) as a script. See "RUN" in the Dockerfile
/// reference (https://docs.docker.com/reference/dockerfile/#run).
public struct RunInstruction: Sendable, Hashable {
  public var command: CommandForm
  public var heredocs: [Heredoc]
  public var mounts: [String]
  public var network: String?
  public var security: String?

  public init(command: CommandForm, heredocs: [Heredoc] = [], mounts: [String] = [], network: String? = nil, security: String? = nil) {
    self.command = command
    self.heredocs = heredocs
    self.mounts = mounts
    self.network = network
    self.security = security
  }
}
