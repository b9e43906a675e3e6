/// Reads a RUN's commands for package operations and account creation.
///
/// Shell-form commands are split with `ShellCommandSplitter`; heredoc bodies are read the
/// same way (BuildKit runs `RUN <<EOF` bodies as scripts); an exec-form `["sh", "-c", …]`
/// is read as its script. Variables in a UID/GID are expanded with the stage's scope.
struct RunCommandAnalysis {
  var packages: [PackageOperation] = []
  var accounts: [UserAccount] = []

  init(_ run: RunInstruction, scope: VariableScope) {
    var scripts: [String] = []
    switch run.command {
    case .shell(let text):
      scripts.append(text)
      scripts += run.heredocs.map(\.effectiveContent)
    case .exec(let arguments):
      if arguments.count >= 3, ["sh", "bash", "ash", "dash", "/bin/sh", "/bin/bash"].contains(arguments[0]), arguments[1] == "-c" {
        scripts.append(arguments[2])
      } else {
        read(SimpleCommand(words: arguments), scope: scope)
      }
    }
    for script in scripts {
      for words in ShellCommandSplitter.commands(in: script) { read(SimpleCommand(words: words), scope: scope) }
    }
  }

  private mutating func read(_ command: SimpleCommand, scope: VariableScope) {
    var words = command.programWords
    guard let program = command.program else { return }
    switch program {
    case "apt-get", "apt", "aptitude":
      packageCommand(Array(words.dropFirst()), manager: .apt, program: program, installs: ["install"], removes: ["remove", "purge"], optionsWithValue: ["-o", "-t", "-c", "--option", "--target-release", "--config-file"])
    case "apk":
      packageCommand(Array(words.dropFirst()), manager: .apk, program: program, installs: ["add"], removes: ["del"], optionsWithValue: ["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"])
    case "yum", "dnf", "microdnf":
      packageCommand(Array(words.dropFirst()), manager: .yum, program: program, installs: ["install"], removes: ["remove", "erase"], optionsWithValue: ["--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever"])
    case let name where name.hasPrefix("python"):
      guard let module = words.firstIndex(of: "-m"), module + 1 < words.count, words[module + 1] == "pip" else { return }
      words = Array(words[(module + 1)...])
      fallthrough
    case let name where name == "pip" || name.hasPrefix("pip3") || name.hasPrefix("pip2"):
      packageCommand(Array(words.dropFirst()), manager: .pip, program: program.hasPrefix("pip") ? program : "\(program) -m pip", installs: ["install"], removes: ["uninstall"], optionsWithValue: [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
        "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--trusted-host", "--platform",
        "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar",
        "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
        "--global-option", "--config-settings", "-C", "--only-binary", "--no-binary",
      ])
    case "useradd", "adduser", "groupadd", "addgroup":
      if let account = Self.account(program, Array(words.dropFirst()), scope: scope) { accounts.append(account) }
    default:
      break
    }
  }

  private mutating func packageCommand(_ arguments: [String], manager: PackageOperation.Manager, program: String, installs: Set<String>, removes: Set<String>, optionsWithValue: Set<String>) {
    var action: PackageOperation.Action?
    var subcommand = ""
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word.hasPrefix("-") {
        if optionsWithValue.contains(word) { index += 1 }
        continue
      }
      guard let current = action else {
        subcommand = word
        if installs.contains(word) { action = .install } else if removes.contains(word) { action = .remove } else { return }
        continue
      }
      guard let name = Self.packageName(word, manager: manager) else { continue }
      packages.append(PackageOperation(manager: manager, action: current, package: name, command: "\(program) \(subcommand)"))
    }
  }

  /// The package name in a package argument, or nil for files, paths, URLs and variables.
  static func packageName(_ word: String, manager: PackageOperation.Manager) -> String? {
    guard !word.isEmpty, !word.contains("/"), !word.contains("$"), !word.hasPrefix("."),
      !word.hasSuffix(".whl"), !word.hasSuffix(".deb"), !word.hasSuffix(".rpm"), !word.hasSuffix(".tar.gz")
    else { return nil }
    let stops: Set<Character> = switch manager {
    case .apt: ["=", ":"]
    case .apk: ["=", "~", ">", "<", "@"]
    case .yum: []
    case .pip: ["=", "~", ">", "<", "!", "[", ";", "@", " "]
    }
    var name = String(word.prefix { !stops.contains($0) })
    if manager == .pip { name = String(name.lowercased().map { $0 == "_" ? "-" : $0 }) }
    return name.isEmpty ? nil : name
  }

  /// Reads `useradd`/`adduser`/`groupadd`/`addgroup` arguments (Debian and busybox spellings).
  static func account(_ tool: String, _ arguments: [String], scope: VariableScope) -> UserAccount? {
    let isUser = tool == "useradd" || tool == "adduser"
    // Options that take a value, per tool; `-g` is the GID for useradd/groupadd/addgroup
    // but the GECOS field for busybox adduser.
    let valued: Set<String> = switch tool {
    case "useradd": ["-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s", "-u", "-R", "-P", "-Z",
      "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid", "--groups", "--skel",
      "--key", "--password", "--shell", "--uid", "--root", "--prefix", "--selinux-user"]
    case "adduser": ["-h", "-g", "-s", "-G", "-u", "-k", "--home", "--shell", "--uid", "--gid", "--ingroup",
      "--gecos", "--comment", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf"]
    default: ["-g", "-K", "-p", "-R", "-P", "--gid", "--key", "--password", "--root", "--prefix", "--firstgid", "--lastgid", "--conf"]
    }
    let idOptions: Set<String> = isUser ? ["-u", "--uid"] : ["-g", "--gid"]
    var idText: String?
    var positionals: [String] = []
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      guard word.hasPrefix("-"), word.count > 1 else {
        positionals.append(word)
        continue
      }
      var option = word
      var value: String?
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        option = String(word[..<equals])
        value = String(word[word.index(after: equals)...])
      } else if !word.hasPrefix("--"), word.count > 2 {
        // A cluster such as `-DH` or `-u1000`: flags, then at most one valued option.
        let letters = Array(word.dropFirst())
        option = ""
        for (offset, letter) in letters.enumerated() where valued.contains("-\(letter)") {
          option = "-\(letter)"
          let rest = String(letters[(offset + 1)...])
          value = rest.isEmpty ? nil : rest
          break
        }
        if option.isEmpty { continue }
      }
      if valued.contains(option) && value == nil {
        value = index < arguments.count ? arguments[index] : nil
        index += 1
      }
      if idOptions.contains(option) { idText = value }
    }
    // `adduser USER GROUP` / `addgroup USER GROUP` add a member rather than create.
    guard let name = positionals.first, positionals.count == 1 || (tool == "useradd" || tool == "groupadd") else { return nil }
    var account = UserAccount(kind: isUser ? .user : .group, name: name, tool: tool)
    if let idText {
      if let id = Int(idText) {
        account.id = id
      } else if case .resolved(let expanded) = scope.expand(idText), let id = Int(expanded) {
        account.id = id
        account.idExpression = idText
      } else {
        account.idExpression = idText
      }
    }
    return account
  }
}
