import DockerfileModel
import TemplateModel

/// A container health check command as ECS runs it: `["CMD-SHELL", "text"]` runs the text
/// with `/bin/sh -c`; `["CMD", "prog", "arg", ...]` runs the program directly.
/// Reference: "HealthCheck" in the container definition,
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
struct HealthCommand {
  var form: CommandForm
  var node: EvaluatedNode

  init?(_ command: EvaluatedNode?) {
    guard let command, let items = command.list, let kind = items.first?.string else { return nil }
    let rest = items.dropFirst().map { $0.string ?? $0.display }
    switch kind {
    case "CMD-SHELL": form = .shell(rest.joined(separator: " "))
    case "CMD": form = .exec(Array(rest))
    default: return nil
    }
    node = command
  }

  /// The argv the container runtime executes: `CMD-SHELL` text runs in the image's shell
  /// (its SHELL, else `/bin/sh -c`: moby `daemon/health.go`), `CMD` arguments directly.
  func arguments(shell: [String]) -> [String] {
    StartCommand.arguments(of: form, shell: shell)
  }

  /// The whole command as text, to look for the health path in.
  var text: String {
    switch form {
    case .shell(let text): text
    case .exec(let arguments): arguments.joined(separator: " ")
    }
  }
}

/// The URL path a health check command requests (`http://127.0.0.1:8501/_stcore/health`
/// → `/_stcore/health`), if the command names a local HTTP URL.
enum HealthURL {
  static func path(in text: String) -> String? {
    guard let start = text.range(of: "http://") ?? text.range(of: "https://") else { return nil }
    let rest = text[start.upperBound...]
    guard let slash = rest.firstIndex(of: "/") else { return "/" }
    let path = rest[slash...].prefix { !" '\")\\;&|".contains($0) }
    return String(path.split(separator: "?").first ?? "")
  }
}
