import Diagnostics
import Foundation
import DockerfileModel
import Requirements
import TemplateModel

/// Reads waivers from template resource Metadata and Dockerfile comments.
enum WaiverReader {
  static func target(_ text: String, at location: SourceLocation) -> Waiver.Target {
    if let id = RequirementID(text) { return .requirement(id) }
    return .rule(text)
  }

  /// `Metadata: {vibe-rules: {waive: [...]}}` of every resource.
  static func fromTemplate(_ template: Template) throws(InputError) -> [Waiver] {
    var waivers: [Waiver] = []
    let starts = template.resources.map(\.location.line).sorted()
    for resource in template.resources {
      guard let entry = resource.metadata?.map?["vibe-rules"] else { continue }
      guard let list = entry.map?["waive"]?.list else {
        throw InputError("vibe-rules metadata must be {waive: [{rule or requirement, reason, expires}]}", at: entry.location)
      }
      let next = starts.first { $0 > resource.location.line }.map { $0 - 1 } ?? Int.max
      for item in list {
        guard let map = item.map else {
          throw InputError("a waiver must be a mapping with rule or requirement, and reason", at: item.location)
        }
        for key in map.keys where !["rule", "requirement", "reason", "expires", "environments"].contains(key) {
          throw InputError("unknown waiver key \"\(key)\"; expected rule, requirement, reason, expires, environments", at: map.entry(key)!.keyLocation)
        }
        var environments: [String] = []
        if let node = map["environments"] {
          guard let names = (node.list ?? [node]).map(\.text) as [String?]?, names.allSatisfy({ $0 != nil }) else {
            throw InputError("environments must be a list of config env names", at: node.location)
          }
          environments = names.compactMap { $0 }
        }
        guard let subject = map["rule"] ?? map["requirement"], let text = subject.text, !text.isEmpty else {
          throw InputError("a waiver must name a rule or a requirement", at: item.location)
        }
        guard let reason = map["reason"]?.text, !reason.isBlank else {
          throw InputError("the waiver of \(text) has no reason; every waiver must say why", at: item.location)
        }
        var expires: String? = nil
        if let node = map["expires"] {
          guard let date = node.text.flatMap(Waiver.isoDate) else {
            throw InputError("expires must be a date YYYY-MM-DD; found \(node.display)", at: node.location)
          }
          expires = date
        }
        waivers.append(Waiver(
          target: target(text, at: subject.location), reason: reason, expires: expires, location: item.location,
          file: template.file, lines: resource.location.line...max(resource.location.line, next), environments: environments))
      }
    }
    return waivers
  }

  /// `# vibe-rules waive=<id> reason="..." [expires=YYYY-MM-DD]` comments; each covers the
  /// instruction that follows it.
  static func fromDockerfile(_ source: SourceText, _ dockerfile: Dockerfile) throws(InputError) -> [Waiver] {
    var waivers: [Waiver] = []
    for (offset, raw) in source.lines.enumerated() {
      let line = raw.drop { $0 == " " || $0 == "\t" }
      guard line.hasPrefix("#") else { continue }
      let body = line.dropFirst().drop { $0 == " " }
      guard body.hasPrefix("vibe-rules") else { continue }
      let number = offset + 1
      let at = SourceLocation(file: source.file, line: number, column: raw.count - line.count + 1)
      let fields = try keyValues(body.dropFirst("vibe-rules".count), at: at)
      guard let id = fields["waive"], !id.isEmpty else {
        throw InputError("a vibe-rules comment must be: # vibe-rules waive=<rule or requirement> reason=\"...\"", at: at)
      }
      guard let reason = fields["reason"], !reason.isBlank else {
        throw InputError("the waiver of \(id) has no reason; write reason=\"why\"", at: at)
      }
      for key in fields.keys where !["waive", "reason", "expires"].contains(key) {
        throw InputError("unknown waiver field \"\(key)\"; expected waive, reason, expires", at: at)
      }
      var expires: String? = nil
      if let text = fields["expires"] {
        guard let date = Waiver.isoDate(text) else { throw InputError("expires must be a date YYYY-MM-DD; found \(text)", at: at) }
        expires = date
      }
      guard let instruction = dockerfile.instructions.first(where: { $0.location.line > number }) else {
        throw InputError("the waiver comment is not followed by an instruction", at: at)
      }
      waivers.append(Waiver(
        target: target(id, at: at), reason: reason, expires: expires, location: at, file: source.file,
        lines: instruction.location.line...max(instruction.location.line, instruction.endLine)))
    }
    return waivers
  }

  /// `a=b c="d e"` → ["a": "b", "c": "d e"].
  private static func keyValues(_ text: Substring, at location: SourceLocation) throws(InputError) -> [String: String] {
    var fields: [String: String] = [:]
    var rest = text.drop { $0 == " " }
    while !rest.isEmpty {
      guard let equals = rest.firstIndex(of: "=") else {
        throw InputError("expected key=value in the vibe-rules comment; found \"\(rest)\"", at: location)
      }
      let key = String(rest[..<equals])
      rest = rest[rest.index(after: equals)...]
      var value = ""
      if rest.first == "\"" {
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "\"") else { throw InputError("unterminated quote in the vibe-rules comment", at: location) }
        value = String(rest[..<close])
        rest = rest[rest.index(after: close)...]
      } else {
        let word = rest.prefix { $0 != " " }
        value = String(word)
        rest = rest.dropFirst(word.count)
      }
      fields[key] = value
      rest = rest.drop { $0 == " " }
    }
    return fields
  }
}
