import Diagnostics

/// The flags each instruction accepts and their values once parsed.
///
/// Per instruction (BuildKit `frontend/dockerfile/instructions/parse.go`; the Dockerfile
/// reference, https://docs.docker.com/reference/dockerfile/):
/// FROM `--platform`; RUN `--mount` (repeatable), `--network`, `--security`;
/// COPY `--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude` (repeatable);
/// ADD `--chown`, `--chmod`, `--link`, `--keep-git-dir`, `--checksum`, `--exclude`
/// (repeatable), `--unpack`; HEALTHCHECK `--interval`, `--timeout`, `--start-period`,
/// `--start-interval`, `--retries`. Every other instruction takes none. A string flag needs
/// `=value`; a boolean flag is `--link`, `--link=true` or `--link=false`; only repeatable
/// flags may be given twice; a bare `--` ends the flags.
struct InstructionFlags {
  enum Kind {
    case string
    case strings
    case bool
  }

  static let accepted: [String: [String: Kind]] = [
    "FROM": ["platform": .string],
    "RUN": ["mount": .strings, "network": .string, "security": .string],
    "COPY": ["from": .string, "chown": .string, "chmod": .string, "link": .bool, "parents": .bool, "exclude": .strings],
    "ADD": [
      "chown": .string, "chmod": .string, "link": .bool, "keep-git-dir": .bool, "checksum": .string,
      "exclude": .strings, "unpack": .bool,
    ],
    "HEALTHCHECK": ["interval": .string, "timeout": .string, "start-period": .string, "start-interval": .string, "retries": .string],
  ]

  private(set) var strings: [String: String] = [:]
  private(set) var lists: [String: [String]] = [:]
  private(set) var bools: [String: Bool] = [:]
  private(set) var locations: [String: SourceLocation] = [:]

  init(_ flags: [Located<String>], instruction: String) throws(InputError) {
    let accepted = Self.accepted[instruction] ?? [:]
    for flag in flags {
      guard flag.value.hasPrefix("--") else {
        throw InputError("flag `\(flag.value)` should start with --", at: flag.location)
      }
      let body = flag.value.dropFirst(2)
      if body.isEmpty { break }
      let name: String
      let value: String?
      if let equals = body.firstIndex(of: "=") {
        name = String(body[..<equals])
        value = String(body[body.index(after: equals)...])
      } else {
        name = String(body)
        value = nil
      }
      guard let kind = accepted[name] else {
        let allowed = accepted.keys.sorted().map { "--\($0)" }
        let hint = allowed.isEmpty ? "\(instruction) takes no flags" : "\(instruction) accepts \(allowed.joined(separator: ", "))"
        throw InputError("unknown flag --\(name) on \(instruction) (\(hint))", at: flag.location)
      }
      if locations[name] != nil && kind != .strings {
        throw InputError("duplicate flag specified: --\(name)", at: flag.location)
      }
      locations[name] = flag.location
      switch kind {
      case .bool:
        if value == "" { throw InputError("missing a value on flag: --\(name)", at: flag.location) }
        switch value?.lowercased() {
        case nil, "true": bools[name] = true
        case "false": bools[name] = false
        default: throw InputError("expecting boolean value for flag --\(name), not: \(value ?? "")", at: flag.location)
        }
      case .string:
        guard let value else { throw InputError("missing a value on flag: --\(name)", at: flag.location) }
        strings[name] = value
      case .strings:
        guard let value else { throw InputError("missing a value on flag: --\(name)", at: flag.location) }
        lists[name, default: []].append(value)
      }
    }
  }
}
