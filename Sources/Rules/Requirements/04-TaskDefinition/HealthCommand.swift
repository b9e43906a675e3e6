import DockerfileModel
import Foundation
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

extension HealthCommand {
  /// Commands that exit 0 whatever they are given.
  static let alwaysSucceedingSteps: Set<String> = ["true", ":", "/bin/true", "/usr/bin/true"]

  /// Whether `step` is `exit 0` (with any run of whitespace between the two words).
  static func isExitZero(_ step: String) -> Bool {
    guard step.hasPrefix("exit"), step.hasSuffix("0") else { return false }
    let between = step.dropFirst(4).dropLast()
    return !between.isEmpty && between.allSatisfy(\.isWhitespace)
  }

  /// Why the command exits 0 whatever the probe finds, if it does: its last step is
  /// `true`, `:` or `exit 0`, alone or after `||` or `;` (`probe || true`), so ECS never
  /// sees a failure ("HealthCheck": exit 0 is healthy, non-zero unhealthy,
  /// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html).
  var alwaysSucceeds: String? {
    switch form {
    case .exec(let arguments):
      guard let program = arguments.first.map(ContainerCommandLine.fileName) else { return nil }
      return program == "true" ? "it runs `true`" : nil
    case .shell(let text): return Self.alwaysSucceeds(shell: text)
    }
  }

  /// `alwaysSucceeds` for `CMD-SHELL` text.
  static func alwaysSucceeds(shell text: String) -> String? {
    var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    while trimmed.hasSuffix(";") || trimmed.hasSuffix("&") && !trimmed.hasSuffix("&&") {
      trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    // The last step: what follows the last `||`, `;` or line break.
    let characters = Array(trimmed)
    var stepStart = 0
    var separatorStart = 0
    for offset in characters.indices {
      if characters[offset] == ";" || characters[offset].isNewline {
        (separatorStart, stepStart) = (offset, offset + 1)
      } else if characters[offset] == "|", offset + 1 < characters.count, characters[offset + 1] == "|" {
        (separatorStart, stepStart) = (offset, offset + 2)
      }
    }
    let step = String(characters[stepStart...]).trimmingCharacters(in: .whitespacesAndNewlines)
    guard Self.alwaysSucceedingSteps.contains(step) || Self.isExitZero(step) else { return nil }
    let ending = String(characters[separatorStart...]).trimmingCharacters(in: .whitespacesAndNewlines)
    return stepStart == 0 ? "it runs `\(step)`" : "it ends with `\(ending)`, so its exit status is 0 whatever the probe finds"
  }
}

/// The URL path a health check command requests (`http://127.0.0.1:8501/_stcore/health`
/// → `/_stcore/health`), if the command names a local HTTP URL.
enum HealthURL {
  /// The port of the first HTTP(S) URL in `text` (`http://127.0.0.1:8080/x` → 8080;
  /// without one, 80 for http and 443 for https), with the URL's authority as written.
  static func port(in text: String) -> (port: Int?, authority: String)? {
    let start: Range<String.Index>
    let defaultPort: Int
    if let http = text.rangeOfText("http://") {
      start = http
      defaultPort = 80
    } else if let https = text.rangeOfText("https://") {
      start = https
      defaultPort = 443
    } else {
      return nil
    }
    let authority = String(text[start.upperBound...].prefix { !"/ '\")\\;&|?".contains($0) })
    guard let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") else { return (defaultPort, authority) }
    return (Int(authority[authority.index(after: colon)...]), authority)
  }

  static func path(in text: String) -> String? {
    guard let start = text.rangeOfText("http://") ?? text.rangeOfText("https://") else { return nil }
    let rest = text[start.upperBound...]
    guard let slash = rest.firstIndex(of: "/") else { return "/" }
    let path = rest[slash...].prefix { !" '\")\\;&|".contains($0) }
    return String(path.split(separator: "?").first ?? "")
  }
}
