import Foundation

/// The tab-separated resource schema data (`ResourceSchemaData.swift`) read one scope at a
/// time: where each scope's lines are is found once, and a scope's table is built the first
/// time it is asked for, then kept. A report asks for the scopes its template's resource
/// types reach (70 of the 208 for this repository's): building every table up front had
/// cost 6.1 M of the report's 156 M instructions (callgrind; benchmarks/RESULTS.md). Safe
/// to use from several threads (the rules of both config envs share
/// `ResourceSchemas.shared`).
final class ResourceSchemaTables: @unchecked Sendable {
  /// One scope's table: what its lines say.
  struct Scope: Sendable {
    /// Property name → expected shape (a later line of the scope wins over an earlier one).
    var properties: [String: ResourceSchemas.PropertyType] = [:]
    /// Whether a line `scope<TAB>*<TAB>…` allows properties not listed.
    var isOpen = false
    /// The properties a `!required` line lists, in its order (the last such line wins).
    var required: [String] = []
  }

  private let bytes: [UInt8]
  /// Scope name → the byte ranges of its runs of consecutive lines, in data order.
  private let runs: [String: [Range<Int>]]
  private let lock = NSLock()
  private var built: [String: Scope] = [:]

  /// Finds each scope's lines in `data`. A line is read as its tab-separated non-empty
  /// fields, each trimmed of spaces; lines without exactly three are skipped.
  init(data: String) {
    let bytes = Array(data.utf8)
    var runs: [String: [Range<Int>]] = [:]
    bytes.withUnsafeBufferPointer { buffer in
      var run: (scope: Range<Int>, lines: Range<Int>)?
      func close() {
        guard let run else { return }
        runs[Self.text(buffer, run.scope), default: []].append(run.lines)
      }
      // Every line with a first field counts; those without three fields are skipped
      // when a scope's table is built.
      Self.forEachFirstField(buffer) { line, scope in
        if let current = run, Self.same(buffer, current.scope, scope) {
          run = (current.scope, current.lines.lowerBound..<line.upperBound)
        } else {
          close()
          run = (scope, line)
        }
      }
      close()
    }
    self.bytes = bytes
    self.runs = runs
  }

  /// The table of `scope` (a resource type, or `type#definition`), or nil when no line
  /// names it.
  func scope(_ name: String) -> Scope? {
    lock.lock()
    defer { lock.unlock() }
    if let scope = built[name] { return scope }
    guard let ranges = runs[name] else { return nil }
    let scope = bytes.withUnsafeBufferPointer { buffer in
      var scope = Scope()
      // One line per property, mostly: sized once instead of grown.
      let lines = ranges.reduce(0) { count, range in count + buffer[range].count { $0 == UInt8(ascii: "\n") } + 1 }
      scope.properties.reserveCapacity(lines)
      for range in ranges {
        Self.forEachLine(buffer, in: range) { _, fields in
          let property = fields[1], value = fields[2]
          if property.count == 1 && buffer[property.lowerBound] == UInt8(ascii: "*") {
            scope.isOpen = true
          } else if buffer[property].elementsEqual(Self.requiredMarker) {
            scope.required = Self.text(buffer, value).split(separator: ",").map(String.init)
          } else {
            scope.properties[Self.text(buffer, property)] = Self.propertyType(buffer, value)
          }
        }
      }
      return scope
    }
    built[name] = scope
    return scope
  }

  /// The property field of a line listing a scope's required properties, as bytes.
  private static let requiredMarker = Array("!required".utf8)

  /// Calls `body` with each line of `range` that has exactly three fields: the line's byte
  /// range (its newline excluded) and the fields' byte ranges.
  private static func forEachLine(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, _ body: (Range<Int>, [Range<Int>]) -> Void) {
    var fields: [Range<Int>] = []
    fields.reserveCapacity(4)
    var position = range.lowerBound
    while position < range.upperBound {
      let lineEnd = lineEnd(buffer, from: position, before: range.upperBound)
      fields.removeAll(keepingCapacity: true)
      var index = position
      while fields.count < 4, let next = field(buffer, from: index, before: lineEnd) {
        fields.append(next.field)
        index = next.end
      }
      if fields.count == 3 { body(position..<lineEnd, fields) }
      position = lineEnd + 1
    }
  }

  /// Calls `body` with the first field of each line (see `forEachLine`) that has one, and
  /// the line's byte range: what finding the scopes' lines needs.
  private static func forEachFirstField(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Range<Int>) -> Void) {
    var position = 0
    while position < buffer.count {
      let lineEnd = lineEnd(buffer, from: position, before: buffer.count)
      if let first = field(buffer, from: position, before: lineEnd) { body(position..<lineEnd, first.field) }
      position = lineEnd + 1
    }
  }

  /// The index of the first newline at or after `start` and before `end`, else `end`.
  private static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int {
    first(of: UInt8(ascii: "\n"), in: buffer, from: start, before: end)
  }

  /// The field at or after `index` on a line ending at `lineEnd`: tabs before it skipped,
  /// up to the next tab, trimmed of spaces; and where it ends (its tab, or `lineEnd`). nil
  /// when only tabs are left. The one reading of a field, for the index and the tables.
  private static func field(_ buffer: UnsafeBufferPointer<UInt8>, from index: Int, before lineEnd: Int) -> (field: Range<Int>, end: Int)? {
    var start = index
    while start < lineEnd && buffer[start] == UInt8(ascii: "\t") { start += 1 }
    guard start < lineEnd else { return nil }
    let end = first(of: UInt8(ascii: "\t"), in: buffer, from: start, before: lineEnd)
    return (trimmed(buffer, start..<end), end)
  }

  private static func first(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int {
    guard start < end, let base = buffer.baseAddress,
      let found = memchr(base + start, Int32(byte), end - start)
    else { return end }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// `range` without the spaces it starts or ends with.
  private static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    let space = UInt8(ascii: " ")
    var start = range.lowerBound, end = range.upperBound
    while start < end && buffer[start] == space { start += 1 }
    while end > start && buffer[end - 1] == space { end -= 1 }
    return start..<end
  }

  private static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
  }

  private static func same(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
    a.count == b.count && memcmp(buffer.baseAddress! + a.lowerBound, buffer.baseAddress! + b.lowerBound, a.count) == 0
  }

  /// A type field: `string`, `integer`, `number`, `boolean`, `object`, `#Definition`,
  /// `[type]`; anything else accepts any value. Read by its bytes: a `String` per field and
  /// a `switch` over it had cost 1 K instructions a line.
  private static func propertyType(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ResourceSchemas.PropertyType {
    let field = UnsafeBufferPointer(rebasing: buffer[range])
    if field.count >= 2, field.first == UInt8(ascii: "["), field.last == UInt8(ascii: "]") {
      return .list(propertyType(buffer, range.lowerBound + 1..<range.upperBound - 1))
    }
    if field.first == UInt8(ascii: "#") { return .definition(text(buffer, range.lowerBound + 1..<range.upperBound)) }
    for (name, type) in basicTypes where field.elementsEqual(name) { return type }
    return .any
  }

  private static let basicTypes: [([UInt8], ResourceSchemas.PropertyType)] = [
    (Array("string".utf8), .string), (Array("integer".utf8), .integer), (Array("number".utf8), .number),
    (Array("boolean".utf8), .boolean), (Array("object".utf8), .object),
  ]
}
