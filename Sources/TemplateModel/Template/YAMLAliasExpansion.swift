import CYaml
import Diagnostics

/// Refuses a YAML document that has, or whose aliases would expand it to, more than
/// `maximumNodes` nodes, before Yams composes it.
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
/// The same pass bounds documents without aliases: Yams would compose every node of a
/// 16 MiB flow list (8 million nodes, 1.3 GB and 4 s) before `NodeConverter` could stop
/// at the limit. The pass is skipped when a byte count proves it unneeded (`nodeBound`):
/// a 1 MB template of 500 resources (about 67,000 nodes) is never scanned, a dense
/// `[a,a,a,...]` of 2 MB is. CloudFormation itself accepts no
/// aliases ("Template formats": aliases and hash merges are not supported,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html);
/// samconfig.yaml may use them, so they are bounded here, not banned.
enum YAMLAliasExpansion {
  /// An upper bound on the nodes of `text`, from one pass over its bytes: unbounded
  /// (`Int.max`) if it has an anchor (`&`, so aliases may expand it); otherwise twice the
  /// count of the bytes that can start or end a node (`,` `:` `[` `]` `{` `}` `-` `?`
  /// and line breaks) plus two, since each of them introduces at most a key and a value
  /// (`{a}`: three nodes, two such bytes) and the root needs none.
  static func nodeBound(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      var indicators = 0
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "&"): return Int.max
        case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
          UInt8(ascii: "}"), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
          indicators += 1
        default: break
        }
      }
      return 2 * indicators + 2
    }
  }

  /// The error for `text` if it has, or its aliases expand it to, more than
  /// `maximumNodes` nodes (mapping keys count, as in `NodeConverter`), or if its aliases
  /// expand it to more than `maximumBytes` of scalar text (the per-file limit, counted as
  /// if every alias were written out: one 1 MB scalar aliased by 190 parameters made every
  /// config env carry 190 MB, and the JSON report 380 MB); nil otherwise, and for text
  /// libyaml cannot parse (the composer reports that, with its location).
  static func check(_ text: String, file: String, maximumNodes: Int, maximumBytes: Int = FileBytes.maximumSize) -> InputError? {
    guard nodeBound(text) > maximumNodes else { return nil }
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    return text.utf8CString.withUnsafeBufferPointer { buffer -> InputError? in
      buffer.withMemoryRebound(to: UInt8.self) { bytes in
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count - 1)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var anchors: [String: (count: Int, bytes: Int)] = [:]
        // Expanded node counts and scalar bytes of the collections being read, innermost last.
        var open: [(count: Int, bytes: Int, anchor: String?)] = []
        var expanded = 0
        var expandedBytes = 0
        var sawAlias = false
        func add(_ count: Int, bytes: Int, anchor: String?) {
          if let anchor { anchors[anchor] = (count, bytes) }
          if !open.isEmpty {
            open[open.count - 1].count += count
            open[open.count - 1].bytes += bytes
          }
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
            let bytes = Int(event.data.scalar.length)
            expanded += 1
            expandedBytes += bytes
            add(1, bytes: bytes, anchor: name(event.data.scalar.anchor))
          case YAML_SEQUENCE_START_EVENT:
            expanded += 1
            open.append((1, 0, name(event.data.sequence_start.anchor)))
          case YAML_MAPPING_START_EVENT:
            expanded += 1
            open.append((1, 0, name(event.data.mapping_start.anchor)))
          case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let closed = open.popLast() { add(closed.count, bytes: closed.bytes, anchor: closed.anchor) }
          case YAML_ALIAS_EVENT:
            // Each count stays at most its limit plus one alias, so none overflows.
            let size = name(event.data.alias.anchor).flatMap { anchors[$0] } ?? (1, 0)
            expanded += size.count
            expandedBytes += size.bytes
            sawAlias = true
            add(size.count, bytes: size.bytes, anchor: nil)
          case YAML_STREAM_END_EVENT:
            return nil
          default:
            break
          }
          if sawAlias, expandedBytes > maximumBytes {
            let mark = event.start_mark
            return InputError(
              "YAML aliases expand this document to more than \(maximumBytes) bytes of text (the per-file limit, counted with every alias written out); refusing to read it",
              at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
          }
          if expanded > maximumNodes {
            let mark = event.start_mark
            let what = sawAlias
              ? "YAML aliases expand this document to more than \(maximumNodes) nodes (an alias bomb, \"billion laughs\")"
              : "the document has more than \(maximumNodes) nodes (a 1 MB template of 500 resources has about 67,000)"
            return InputError("\(what); refusing to read it", at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
          }
        }
      }
    }
  }
}
