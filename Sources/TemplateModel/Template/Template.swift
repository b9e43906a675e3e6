import Diagnostics

/// A CloudFormation or SAM template: its sections, typed, with every value located.
///
/// Building a `Template` from a `TemplateDocument` checks the structure CloudFormation
/// checks before it creates a change set: known top-level sections of the right type,
/// each resource with a `Type`, intrinsic functions with their argument shapes, and
/// references (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`, conditions) that resolve and
/// do not form a cycle. SAM `Globals` are merged into `AWS::Serverless::*` resources and
/// `Fn::ForEach` loops over literal collections are expanded. What only exists at deploy
/// time (loops over a parameter, `AWS::Include` and other macros) is listed in
/// `opaqueParts`. The first fault is thrown as one located `InputError`. Reference: "Template anatomy", AWS CloudFormation User
/// Guide, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
public struct Template: Sendable {
  public var file: String
  public var formatVersion: Located<String>?
  public var description: String?
  /// Transforms in the order written (`AWS::Serverless-2016-10-31`, `AWS::LanguageExtensions`, ...).
  public var transforms: [Located<String>]
  public var metadata: TemplateNode?
  public var parameters: [Parameter]
  public var mappings: TemplateMap
  /// Condition names and their expressions, in document order.
  public var conditions: TemplateMap
  public var resources: [Resource]
  public var outputs: [Output]
  /// SAM's `Globals` section as written (already merged into the resources).
  public var globals: TemplateMap?
  /// `Fn::ForEach` loops whose collection is not a literal: their resources or outputs
  /// depend on deploy-time values and are not part of `resources`/`outputs`.
  public var unexpandedLoops: [ForEachLoop]
  /// Parts only known at deploy time (`unexpandedLoops`, `Fn::Transform` calls such as
  /// `AWS::Include`, macros), in document order: a check of the files cannot see them.
  public var opaqueParts: [OpaquePart] = []
  /// Where the top-level mapping starts.
  public var location: SourceLocation
  /// References between resources, parameters, conditions and outputs.
  public private(set) var graph = TemplateGraph(edges: [])

  private var resourceIndex: [String: Int]
  private var parameterIndex: [String: Int]

  /// The SAM transform's name.
  public static let samTransform = "AWS::Serverless-2016-10-31"

  /// Whether the template uses the SAM transform.
  public var isSAM: Bool { transforms.contains { $0.value == Self.samTransform } }

  public func resource(_ logicalID: String) -> Resource? { resourceIndex[logicalID].map { resources[$0] } }
  public func parameter(_ name: String) -> Parameter? { parameterIndex[name].map { parameters[$0] } }

  /// Resources of one type, in document order.
  public func resources(ofType type: String) -> [Resource] { resources.filter { $0.type.value == type } }

  /// Loads and checks the template at `source`.
  public static func load(_ source: SourceText) throws(InputError) -> Template {
    try Template(TemplateDocument.load(source))
  }

  public init(_ document: TemplateDocument) throws(InputError) {
    file = document.file
    location = document.rootLocation
    guard let root = document.root else {
      throw InputError("the template is empty; it needs at least a Resources section", at: document.rootLocation)
    }
    let reader = SectionReader(file: file)
    for entry in root.entries where !Self.sections.contains(entry.key) {
      throw InputError("unknown top-level section \"\(entry.key)\"; expected one of \(Self.sections.sorted().joined(separator: ", "))", at: entry.keyLocation)
    }
    formatVersion = try root["AWSTemplateFormatVersion"].map { node throws(InputError) in try reader.string(node, what: "AWSTemplateFormatVersion") }
    if let version = formatVersion, version.value != "2010-09-09" {
      throw InputError("AWSTemplateFormatVersion must be \"2010-09-09\"; found \"\(version.value)\"", at: version.location)
    }
    description = try root["Description"].map { node throws(InputError) in try reader.string(node, what: "Description").value }
    transforms = try reader.transforms(root["Transform"])
    if let first = document.forEachKeys.first, !transforms.contains(where: { $0.value == "AWS::LanguageExtensions" }) {
      // "If you use the Fn::ForEach intrinsic function in your template, you must also
      // use the AWS::LanguageExtensions transform" (Fn::ForEach, CloudFormation Template
      // Reference): without it CloudFormation rejects the key.
      throw InputError("Fn::ForEach needs the AWS::LanguageExtensions transform (Transform: AWS::LanguageExtensions); without it CloudFormation rejects the template", at: first)
    }
    var parts: [OpaquePart] = transforms.filter { !OpaquePart.modelledTransforms.contains($0.value) }.map { transform in
      OpaquePart(.transform(macro: transform.value, location: nil), scope: "the whole template", at: transform.location)
    }
    /// A section's mapping; a section that is one `Fn::Transform` call (`Outputs:
    /// {Fn::Transform: ...}`) is empty here and recorded in `parts`.
    func section(_ name: String, scope: String) throws(InputError) -> TemplateMap? {
      if let node = root[name], let call = node.intrinsic, call.function == .transform {
        parts += OpaquePart.transforms(call.argument, scope: scope, resource: nil, at: call.location)
        return TemplateMap([])
      }
      return try reader.mapping(root[name], what: name)
    }
    metadata = root["Metadata"]
    mappings = try section("Mappings", scope: "mappings") ?? TemplateMap([])
    conditions = try section("Conditions", scope: "conditions") ?? TemplateMap([])
    globals = try reader.mapping(root["Globals"], what: "Globals")
    parameters = try reader.parameters(root["Parameters"])
    guard let resourcesNode = root.entry("Resources") else {
      throw InputError("the template has no Resources section; CloudFormation requires at least one resource", at: document.rootLocation)
    }
    var resourceMap: TemplateMap
    if let map = resourcesNode.value.map {
      resourceMap = map
    } else if resourcesNode.value.intrinsic?.function == .transform, let map = try section("Resources", scope: "resources") {
      resourceMap = map
    } else {
      throw InputError("Resources must be a mapping of resources; found \(resourcesNode.value.kindDescription)", at: resourcesNode.value.location)
    }
    var loops: [ForEachLoop] = []
    func expand(_ map: TemplateMap, _ scope: String) throws(InputError) -> TemplateMap {
      var found: [ForEachLoop] = []
      var included: [OpaquePart] = []
      let expanded = try ForEachExpansion.expand(Self.withoutTransforms(map, scope, into: &included), unexpanded: &found)
      parts += included + found.map { OpaquePart(.loop(name: $0.name, collection: $0.collection.display), scope: scope, at: $0.location) }
      loops += found
      return expanded
    }
    resourceMap = try expand(resourceMap, "resources")
    resources = try resourceMap.entries.map { entry throws(InputError) in try reader.resource(entry) }
    var outputMap = try section("Outputs", scope: "outputs") ?? TemplateMap([])
    outputMap = try expand(outputMap, "outputs")
    outputs = try outputMap.entries.map { entry throws(InputError) in try reader.output(entry) }
    conditions = try expand(conditions, "conditions")
    unexpandedLoops = loops
    resourceIndex = Dictionary(resources.enumerated().map { ($1.logicalID, $0) }, uniquingKeysWith: { first, _ in first })
    parameterIndex = Dictionary(parameters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    if isSAM, let globals {
      resources = try SAMGlobals(globals, file: file).merge(into: resources)
    }
    var validator = TemplateValidator(template: self)
    graph = try validator.validate()
    opaqueParts = (parts + validator.opaqueParts).sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
  }

  /// `map` without its `Fn::Transform` key: `AWS::Include` at section level
  /// (`Resources: {Fn::Transform: {Name: AWS::Include, Parameters: {Location: ...}}}`)
  /// inserts entries at deploy time; they are recorded in `parts`.
  private static func withoutTransforms(_ map: TemplateMap, _ section: String, into parts: inout [OpaquePart]) -> TemplateMap {
    guard let entry = map.entry("Fn::Transform") else { return map }
    parts += OpaquePart.transforms(entry.value, scope: section, resource: nil, at: entry.keyLocation)
    return TemplateMap(map.entries.filter { $0.key != "Fn::Transform" })
  }

  static let sections: Set<String> = [
    "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
    "Conditions", "Transform", "Resources", "Outputs", "Globals", "Hooks",
  ]
}
