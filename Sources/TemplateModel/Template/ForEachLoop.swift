import Diagnostics

/// `Fn::ForEach` of the `AWS::LanguageExtensions` transform: a key
/// `Fn::ForEach::LoopName` whose value is `[Identifier, Collection, {OutputKey: OutputValue}]`.
///
/// The identifier is one string, or a list of two strings (key and value) when the
/// collection is a mapping. Reference: "Fn::ForEach", AWS CloudFormation User Guide,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html
public struct ForEachLoop: Hashable, Sendable {
  public var name: String
  public var identifiers: [String]
  public var collection: TemplateNode
  public var output: TemplateMap
  public var location: SourceLocation

  /// Checks the loop's shape at load time (the transform itself rejects a malformed
  /// loop, so CloudFormation never sees the template) and returns the node unchanged.
  static func validate(_ node: TemplateNode, name: String, at location: SourceLocation) throws(InputError) -> TemplateNode {
    _ = try ForEachLoop(node, name: name, at: location)
    return node
  }

  init(_ node: TemplateNode, name: String, at location: SourceLocation) throws(InputError) {
    let loopName = String(name.dropFirst("Fn::ForEach::".count))
    guard !loopName.isEmpty, loopName.allSatisfy({ $0.isLetter || $0.isNumber }) else {
      throw InputError("\(name): the loop name must be alphanumeric", at: location)
    }
    guard let items = node.list, items.count == 3 else {
      throw InputError("\(name) takes [Identifier, Collection, {OutputKey: OutputValue}]; found \(node.kindDescription)\(node.list.map { " of \($0.count) items" } ?? "")", at: node.location)
    }
    let identifierNode = items[0]
    var identifiers: [String] = []
    if let list = identifierNode.list {
      guard (1...2).contains(list.count) else {
        throw InputError("\(name): a loop has one identifier, or two (key and value) over a mapping; found \(list.count)", at: identifierNode.location)
      }
      for item in list {
        guard let scalar = item.scalar, scalar.kind == .string, !scalar.text.isEmpty else {
          throw InputError("\(name): identifiers must be non-empty strings; found \(item.kindDescription)", at: item.location)
        }
        identifiers.append(scalar.text)
      }
    } else if let scalar = identifierNode.scalar, scalar.kind == .string, !scalar.text.isEmpty {
      identifiers = [scalar.text]
    } else {
      throw InputError("\(name): the identifier must be a string; found \(identifierNode.kindDescription)", at: identifierNode.location)
    }
    let collection = items[1]
    switch collection.value {
    case .list, .intrinsic: break
    case .map where identifiers.count == 2: break
    default:
      throw InputError("\(name): the collection must be a list (or a mapping with two identifiers) or an intrinsic function; found \(collection.kindDescription)", at: collection.location)
    }
    guard let output = items[2].map else {
      throw InputError("\(name): the third item must be a mapping of output keys; found \(items[2].kindDescription)", at: items[2].location)
    }
    self.name = loopName
    self.identifiers = identifiers
    self.collection = collection
    self.output = output
    self.location = location
  }
}
