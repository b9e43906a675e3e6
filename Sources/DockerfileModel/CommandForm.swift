/// How RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD give their command.
///
/// `.exec` is the JSON array form, run directly without a shell; `.shell` is the text
/// form, run as the stage's SHELL (default `["/bin/sh", "-c"]`) plus this string. See
/// "Shell and exec form" in the Dockerfile reference
/// (https://docs.docker.com/reference/dockerfile/#shell-and-exec-form).
public enum CommandForm: Sendable, Hashable {
  case exec([String])
  case shell(String)

  /// The program that starts: the first array element, or the first word of the shell
  /// text after leading `NAME=value` assignments and an `exec`. Nil if there is none.
  /// It does not look inside `sh -c '…'`: to know what a container finally runs, read
  /// the whole argv (`StartCommand`) through its shells.
  public var program: String? {
    switch self {
    case .exec(let arguments):
      return arguments.first
    case .shell(let text):
      let commands = ShellCommandSplitter.commands(in: text)
      return commands.first.flatMap { SimpleCommand(words: $0).programWords.first }
    }
  }
}
