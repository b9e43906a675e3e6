import Diagnostics
import Yams

/// A template file read into a tree of `TemplateNode`s, before any CloudFormation meaning
/// is given to it.
///
/// Loading fails (with one located `InputError`) only for what makes a file unreadable as a
/// template: YAML or JSON syntax, duplicate or non-scalar mapping keys, an unknown `!` tag,
/// a document that is not a mapping, alias expansion past `maximumNodeCount` (checked
/// before composing, see `YAMLAliasExpansion`), nesting past 128 levels of mappings,
/// lists and intrinsic functions (`NodeConverter.maximumNesting`; libyaml's own limit
/// is 1,000), or a malformed `Fn::ForEach` loop. Everything semantic
/// (unknown sections, intrinsic arity, missing references) is `Template`'s job, so a
/// template with such faults still loads for inspection.
///
/// JSON templates go through the same YAML reader (JSON is YAML); tab characters outside
/// strings are read as spaces first, since libyaml rejects tabs in indentation while JSON
/// allows them (a tab inside a JSON string is invalid JSON, so none is lost).
public struct TemplateDocument: Sendable {
  public var file: String
  /// The top-level mapping; `nil` for an empty document.
  public var root: TemplateMap?
  public var rootLocation: SourceLocation
  /// Where each `Fn::ForEach::` key is written, anywhere in the document.
  public var forEachKeys: [SourceLocation] = []

  /// The most nodes a template may have or expand to (aliases included): 1,000,000. A
  /// 1 MB template of 500 resources (CloudFormation's largest, via S3) has about 67,000
  /// (benchmarks/generate_template.py), so only an alias bomb ("billion laughs") or a
  /// machine-made list comes near it. The limit bounds memory: at 1,000,000 nodes
  /// loading peaks at about 270 MB (benchmarks/RESULTS.md).
  public static let maximumNodeCount = 1_000_000

  public init(file: String, root: TemplateMap?, rootLocation: SourceLocation) {
    self.file = file
    self.root = root
    self.rootLocation = rootLocation
  }

  /// Yams' resolver with no rules: `Resolver.basic`. The tag of a plain scalar is decided
  /// by `PlainScalarKind` (YAML 1.1, as CloudFormation reads it) when `NodeConverter`
  /// reads the scalar; Yams itself resolves tags only to compare mapping keys in its
  /// duplicate check, and with no rules every plain key compares as a string. A
  /// CloudFormation key is a string (the template becomes JSON), so `1:` and `"1":`, or
  /// `true:` and `"true":`, are the same key, and a duplicate.
  ///
  /// Yams' default rules are ICU regular expressions: compiling them and trying seven on
  /// every key was 10% of `vibe-rules report` on this repository (benchmarks/RESULTS.md).
  static let resolver = Resolver.basic

  /// Reads `source` as a YAML or JSON template.
  public static func load(_ source: SourceText) throws(InputError) -> TemplateDocument {
    var text = source.text
    let isJSON = text.first(where: { !$0.isWhitespace }) == "{"
    if isJSON && text.containsText("\t") {
      text = String(text.map { $0 == "\t" ? " " : $0 })
    }
    if let bomb = YAMLAliasExpansion.check(text, file: source.file, maximumNodes: maximumNodeCount) { throw bomb }
    let node: Node?
    do {
      node = try Yams.compose(yaml: text, resolver, .default, .utf8)
    } catch let error as YamlError {
      // CloudFormation takes templates in JSON or YAML
      // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html).
      let format = isJSON || source.file.lowercased().hasSuffix(".json") ? "JSON" : "YAML"
      throw YAMLErrorTranslation.inputError(error, file: source.file, format: format)
    } catch {
      throw InputError("cannot read template: \(error)", at: .start(of: source.file))
    }
    guard let node else {
      return TemplateDocument(file: source.file, root: nil, rootLocation: .start(of: source.file))
    }
    var converter = NodeConverter(file: source.file)
    let tree = try converter.convert(node)
    guard let root = tree.map else {
      throw InputError("a template must be a mapping of sections (AWSTemplateFormatVersion, Resources, ...); found \(tree.kindDescription)", at: tree.location)
    }
    var document = TemplateDocument(file: source.file, root: root, rootLocation: tree.location)
    document.forEachKeys = converter.forEachKeys
    return document
  }
}

extension TemplateNode {
  /// "a mapping", "a list", "the string \"x\"", ...: for messages.
  public var kindDescription: String {
    switch value {
    case .map: "a mapping"
    case .list: "a list"
    case .intrinsic(let call): "\(call.function.rawValue)"
    case .scalar(let scalar):
      switch scalar.kind {
      case .null: "null"
      case .string: "the string \"\(scalar.text.prefix(40))\""
      default: "the \(scalar.kind.rawValue) \(scalar.text)"
      }
    }
  }
}
