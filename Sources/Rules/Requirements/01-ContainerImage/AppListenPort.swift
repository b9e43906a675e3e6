import Diagnostics
import DockerfileModel

/// The port the image's app listens on, read from its start command and environment:
/// `--server.port=N` / `--server.port N` (Streamlit), `--port`, `-p`, `--bind host:N`
/// (gunicorn/uvicorn), or the `STREAMLIT_SERVER_PORT` / `PORT` environment variables.
enum AppListenPort {
  struct Found {
    var port: Int
    var how: String
    var location: Diagnostics.SourceLocation
  }

  static func of(_ facts: ImageFacts) -> Found? {
    for command in [facts.entrypoint, facts.cmd].compactMap({ $0 }) {
      let words: [String]
      switch command.value {
      case .exec(let arguments): words = arguments
      case .shell(let text): words = text.split(separator: " ").map(String.init)
      }
      for (index, word) in words.enumerated() {
        for flag in ["--server.port", "--port", "-p"] {
          if word.hasPrefix(flag + "="), let port = Int(word.dropFirst(flag.count + 1)) {
            return Found(port: port, how: "\(word) in the start command", location: command.location)
          }
          if word == flag, index + 1 < words.count, let port = Int(words[index + 1]) {
            return Found(port: port, how: "\(flag) \(port) in the start command", location: command.location)
          }
        }
        if word == "--bind" || word == "-b", index + 1 < words.count, let port = words[index + 1].split(separator: ":").last.flatMap({ Int($0) }) {
          return Found(port: port, how: "\(word) \(words[index + 1]) in the start command", location: command.location)
        }
      }
    }
    for name in ["STREAMLIT_SERVER_PORT", "PORT"] {
      if let value = facts.environment[name], let port = value.value.resolvedValue.flatMap({ Int($0) }) {
        return Found(port: port, how: "ENV \(name)=\(port)", location: value.location)
      }
    }
    return nil
  }
}
