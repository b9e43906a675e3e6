import CYaml
import Diagnostics

/// Refuses a YAML document whose aliases would expand it past `maximumNodes`, before
/// Yams composes it.
///
/// Why before: `Yams.compose` shares an aliased node instead of copying it, so building
/// the tree is cheap, but it then hashes every mapping key to find duplicates
/// (`Parser.checkDuplicates`), and hashing a key that is an alias walks the whole
/// expansion: `? *bomb` with the nine-level "billion laughs" anchor hashes 10^9 nodes and
/// runs for minutes. `NodeConverter` also walks expansions (it stops at the limit, but
/// only after building that many nodes). One pass over libyaml's events counts each
/// node once and each alias as the size of its anchor's node, so the expanded size is
/// known in time linear in the text.
///
/// Only text with an anchor can have aliases (an alias to an undefined anchor is a
/// composer error), so text without `&` is not scanned. CloudFormation itself accepts no
/// aliases ("Template formats": aliases and hash merges are not supported,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html);
/// samconfig.yaml may use them, so they are bounded here, not banned.
enum YAMLAliasExpansion {
  /// The error for `text` if its aliases expand it past `maximumNodes` nodes (mapping
  /// keys count, as in `NodeConverter`); nil otherwise, and for text libyaml cannot
  /// parse (the composer reports that, with its location).
  static func check(_ text: String, file: String, maximumNodes: Int) -> InputError? {
    guard text.utf8.contains(UInt8(ascii: "&")) else { return nil }
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    return text.utf8CString.withUnsafeBufferPointer { buffer -> InputError? in
      buffer.withMemoryRebound(to: UInt8.self) { bytes in
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count - 1)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var anchors: [String: Int] = [:]
        // Expanded node counts of the collections being read, innermost last.
        var open: [(count: Int, anchor: String?)] = []
        var expanded = 0
        func add(_ count: Int, anchor: String?) {
          if let anchor { anchors[anchor] = count }
          if !open.isEmpty { open[open.count - 1].count += count }
        }
        func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
          pointer.map { String(cString: $0) }
        }
        while true {
          var event = yaml_event_t()
          guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
          defer { yaml_event_delete(&event) }
          switch event.type {
          case YAML_SCALAR_EVENT:
            expanded += 1
            add(1, anchor: name(event.data.scalar.anchor))
          case YAML_SEQUENCE_START_EVENT:
            expanded += 1
            open.append((1, name(event.data.sequence_start.anchor)))
          case YAML_MAPPING_START_EVENT:
            expanded += 1
            open.append((1, name(event.data.mapping_start.anchor)))
          case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let closed = open.popLast() { add(closed.count, anchor: closed.anchor) }
          case YAML_ALIAS_EVENT:
            // Each count stays at most `maximumNodes` plus one alias, so none overflows.
            let size = name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
            expanded += size
            if expanded > maximumNodes {
              let mark = event.start_mark
              return InputError(
                "YAML aliases expand this document to more than \(maximumNodes) nodes (an alias bomb, \"billion laughs\"); refusing to read it",
                at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
            }
            add(size, anchor: nil)
          case YAML_STREAM_END_EVENT:
            return nil
          default:
            break
          }
        }
      }
    }
  }
}
