/// One simple command's words, with the prefixes that do not name the program removed.
struct SimpleCommand {
  var words: [String]

  /// The words from the program on: leading `NAME=value` assignments, shell keywords
  /// (`if`, `then`, `do`, `!`…), and wrappers (`sudo`, `env`, `exec`, `command`, `nohup`,
  /// `time`) with their options are dropped.
  var programWords: [String] {
    var rest = words[...]
    while let first = rest.first {
      if Self.prefixWords.contains(first) || isAssignment(first) {
        rest = rest.dropFirst()
      } else if first == "sudo" || first == "env" {
        rest = rest.dropFirst()
        while let option = rest.first, option.hasPrefix("-") || (first == "env" && isAssignment(option)) {
          rest = rest.dropFirst()
          if first == "sudo", ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"].contains(option) { rest = rest.dropFirst() }
        }
      } else {
        break
      }
    }
    return Array(rest)
  }

  private static let prefixWords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time", "exec", "command", "nohup"]

  /// The program's file name (`/usr/bin/apt-get` → `apt-get`).
  var program: String? {
    programWords.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
  }

  private func isAssignment(_ word: String) -> Bool {
    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
    let name = word[..<equals]
    return name.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) } && !(name.first?.isNumber ?? true)
  }
}
