import Diagnostics

/// The requirements a repository must satisfy, read from its REQUIREMENTS.md (or the
/// catalogue built into vibe-rules when the repository has none).
///
/// Format (Markdown that also reads well on GitHub):
/// ```
/// ## 4 Task definition                 ← group: number, title
/// ### 4.4 Task logs to /ecs/app        ← criterion: ID on its own heading line, title
/// Prose stating the criterion and its threshold.
/// Kind: static                          ← static | evidence | inherent | computed (default static)
/// Waivable: no                          ← optional (default yes)
/// ```values                             ← optional fenced block of `key: value` lines
/// log-group: /ecs/app
/// ```
/// ```
/// Faults are input errors at their line: a malformed or duplicate ID, an ID outside its
/// group's number, an unknown `Kind`, an unknown value key, a value of the wrong form.
public struct RequirementCatalogue: Sendable {
  /// The file the catalogue was read from (`REQUIREMENTS.md`, or `built-in` for the
  /// compiled-in catalogue).
  public var source: String
  /// Requirements in ID order.
  public private(set) var requirements: [Requirement]
  private var index: [RequirementID: Int]

  public init(source: String, requirements: [Requirement]) {
    self.source = source
    self.requirements = requirements.sorted { $0.id < $1.id }
    index = Dictionary(self.requirements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public subscript(id: RequirementID) -> Requirement? { index[id].map { requirements[$0] } }

  public var ids: [RequirementID] { requirements.map(\.id) }

  /// Replaces single values (from `.vibe-rules.yaml`); each keeps its own location.
  public mutating func override(_ values: [RequirementID: [RequirementValue]]) {
    for (id, overrides) in values {
      guard let position = index[id] else { continue }
      for value in overrides { requirements[position].values[value.key] = value }
    }
  }

  /// Reads a catalogue in the format above.
  public static func parse(_ source: SourceText) throws(InputError) -> RequirementCatalogue {
    var parser = CatalogueParser(file: source.file)
    for (offset, line) in source.lines.enumerated() {
      try parser.consume(line, number: offset + 1)
    }
    try parser.finish()
    guard !parser.requirements.isEmpty else {
      throw InputError("no requirements found: each criterion needs a heading line \"### <group>.<item> <title>\"", at: .start(of: source.file))
    }
    return RequirementCatalogue(source: source.file, requirements: parser.requirements)
  }
}

/// The line-by-line reader behind `RequirementCatalogue.parse`.
struct CatalogueParser {
  let file: String
  private(set) var requirements: [Requirement] = []
  private var group: (number: Int, title: String)?
  private var current: Requirement?
  private var prose: [String] = []
  private var fence: (marker: String, isValues: Bool, line: Int)?
  private var seen: [RequirementID: SourceLocation] = [:]

  init(file: String) { self.file = file }

  private func at(_ line: Int, _ column: Int = 1) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

  mutating func consume(_ raw: Substring, number: Int) throws(InputError) {
    let line = raw.trimmed
    if let open = fence {
      if line.hasPrefix(open.marker) { fence = nil; return }
      if open.isValues { try value(line, raw: raw, number: number) }
      return
    }
    if line.hasPrefix("```") || line.hasPrefix("~~~") {
      let marker = String(line.prefix(3))
      let info = line.dropFirst(3).trimmed
      if info == "values" && current == nil {
        throw InputError("a values block must follow a criterion heading (### <id> <title>)", at: at(number))
      }
      fence = (marker, info == "values", number)
      return
    }
    if line.hasPrefix("### ") {
      try close()
      try heading(line.dropFirst(4), number: number)
    } else if line.hasPrefix("## ") {
      try close()
      let rest = line.dropFirst(3).trimmed
      let numberText = rest.prefix { $0.isNumber }
      group = Int(numberText).map { ($0, rest.dropFirst(numberText.count).trimmed) }
    } else if current != nil, line.hasPrefix("Kind:") {
      let text = line.dropFirst(5).trimmed
      guard let kind = Requirement.Kind(rawValue: text) else {
        throw InputError("unknown Kind \"\(text)\"; expected one of \(Requirement.Kind.allCases.map(\.rawValue).joined(separator: ", "))", at: at(number, 7))
      }
      current?.kind = kind
    } else if current != nil, line.hasPrefix("Waivable:") {
      let text = line.dropFirst(9).trimmed.lowercased()
      guard text == "yes" || text == "no" else {
        throw InputError("Waivable must be yes or no; found \"\(text)\"", at: at(number, 11))
      }
      current?.isWaivable = text == "yes"
    } else if current != nil {
      prose.append(line)
    }
  }

  private mutating func heading(_ rest: Substring, number: Int) throws(InputError) {
    let text = rest.trimmed
    let idText = text.prefix { !$0.isWhitespace }
    guard let id = RequirementID(idText) else {
      throw InputError("a criterion heading must start with its ID (<group>.<item>, e.g. 4.4); found \"\(idText)\"", at: at(number, 5))
    }
    if let group, group.number != id.group {
      throw InputError("criterion \(id) is under group \(group.number) (\"\(group.title)\"); its number must start with \(group.number).", at: at(number, 5))
    }
    if let first = seen[id] {
      throw InputError("criterion \(id) is declared twice (first at line \(first.line))", at: at(number, 5))
    }
    seen[id] = at(number, 5)
    current = Requirement(
      id: id, title: text.dropFirst(idText.count).trimmed, groupTitle: group?.title ?? "",
      text: "", kind: .static, isWaivable: true, values: [:], location: at(number, 5))
  }

  private mutating func value(_ line: String, raw: Substring, number: Int) throws(InputError) {
    guard !line.isEmpty, !line.hasPrefix("#") else { return }
    let column = raw.prefix { $0 == " " || $0 == "\t" }.count + 1
    guard let colon = line.firstIndex(of: ":") else {
      throw InputError("a value line must be \"key: value\"; found \"\(line)\"", at: at(number, column))
    }
    let key = line[..<colon].trimmed
    let text = line[line.index(after: colon)...].trimmed
    guard let kind = RequirementValueKind.keys[key] else {
      throw InputError("unknown value key \"\(key)\"; known keys: \(RequirementValueKind.keys.keys.sorted().joined(separator: ", "))", at: at(number, column))
    }
    guard let quantity = kind.read(text) else {
      throw InputError("\(key): \"\(text)\" is not \(kind.expectedForm)", at: at(number, column + key.count + 2))
    }
    guard var requirement = current else { return }
    guard requirement.values[key] == nil else {
      throw InputError("value \(key) is declared twice for criterion \(requirement.id)", at: at(number, column))
    }
    requirement.values[key] = RequirementValue(key: key, quantity: quantity, written: text, location: at(number, column))
    current = requirement
  }

  private mutating func close() throws(InputError) {
    guard var requirement = current else { return }
    requirement.text = prose.joined(separator: "\n").trimmed
    requirements.append(requirement)
    current = nil
    prose = []
  }

  mutating func finish() throws(InputError) {
    if let open = fence {
      throw InputError("code block opened here is never closed", at: at(open.line))
    }
    try close()
  }
}
