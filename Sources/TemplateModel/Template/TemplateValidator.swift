import Diagnostics

/// Checks a template's intrinsic functions and references, and builds its
/// `TemplateGraph`: every intrinsic has the argument shape CloudFormation requires;
/// `Ref`, `Fn::GetAtt`, `Fn::Sub` variables, `DependsOn`, condition names and literal
/// `Fn::FindInMap` map names resolve; resources and conditions reference no cycle, and
/// no condition is decided through a chain of more than `ConditionChain.maximumLength`
/// conditions; `Mappings` hold no intrinsic function. Records the `Fn::Transform` calls
/// and the `Fn::ForEach` loops inside values in `opaqueParts`.
///
/// `walk` recurses along the template's nesting, which `NodeConverter` bounds.
struct TemplateValidator {
  let template: Template
  private var edges: [TemplateGraph.Edge] = []
  /// `Fn::Transform` calls and loops inside properties, found while walking.
  private(set) var opaqueParts: [OpaquePart] = []

  private let languageExtensions: Bool

  init(template: Template) {
    self.template = template
    languageExtensions = template.transforms.contains { $0.value == "AWS::LanguageExtensions" }
  }

  mutating func validate() throws(InputError) -> TemplateGraph {
    try checkMappings()
    let conditionNames = Set(template.conditions.keys)
    for entry in template.conditions.entries {
      try walk(entry.value, from: "Conditions/" + entry.key, inConditions: true)
    }
    for resource in template.resources {
      let owner = "Resources/" + resource.logicalID
      if let condition = resource.condition, !conditionNames.contains(condition.value) {
        throw InputError("resource \(resource.logicalID) names condition \"\(condition.value)\", which the Conditions section does not define\(NameSuggestion.hint(for: condition.value, among: conditionNames.sorted()))", at: condition.location)
      }
      for target in resource.dependsOn {
        guard template.resource(target.value) != nil || isGeneratedBySAM(target.value) else {
          throw InputError("resource \(resource.logicalID) DependsOn \"\(target.value)\", which is not a resource of this template\(NameSuggestion.hint(for: target.value, among: template.resources.map(\.logicalID)))", at: target.location)
        }
        guard target.value != resource.logicalID else {
          throw InputError("resource \(resource.logicalID) depends on itself", at: target.location)
        }
        edges.append(.init(from: owner, to: target.value, kind: .dependsOn, location: target.location))
      }
      if resource.type.value == "AWS::Serverless::Function", let properties = resource.propertiesNode?.map {
        // SAM moves DeploymentPreference into a CodeDeploy deployment group: what it
        // references (alarms, hooks) is a dependency of that group, not of the function.
        for entry in properties.entries {
          let from = entry.key == "DeploymentPreference" ? "Generated/\(resource.logicalID)DeploymentGroup" : owner
          try walk(entry.value, from: from, inConditions: false)
        }
      } else if let properties = resource.propertiesNode {
        try walk(properties, from: owner, inConditions: false)
      }
      for node in [resource.deletionPolicy, resource.updateReplacePolicy].compactMap({ $0 }) {
        try walk(node, from: owner, inConditions: false)
      }
    }
    for output in template.outputs {
      let owner = "Outputs/" + output.name
      if let condition = output.condition, !conditionNames.contains(condition.value) {
        throw InputError("output \(output.name) names condition \"\(condition.value)\", which the Conditions section does not define\(NameSuggestion.hint(for: condition.value, among: conditionNames.sorted()))", at: condition.location)
      }
      try walk(output.value, from: owner, inConditions: false)
      if let export = output.export { try walk(export, from: owner, inConditions: false) }
    }
    let graph = TemplateGraph(edges: edges)
    try CycleCheck.resources(graph, template: template)
    try CycleCheck.conditions(graph)
    try ConditionChain.check(graph, template: template)
    return graph
  }

  /// "You can't include parameters, pseudo parameters, or intrinsic functions in the
  /// Mappings section" ("CloudFormation template Mappings syntax",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html),
  /// except `Fn::Transform` (`AWS::Include` may fill the section). Also what keeps
  /// `Fn::FindInMap` from finding itself.
  private mutating func checkMappings() throws(InputError) {
    var pending = template.mappings.entries.map(\.value)
    while let node = pending.popLast() {
      switch node.value {
      case .scalar: continue
      case .list(let items): pending += items
      case .map(let map):
        for entry in map.entries {
          if entry.key == "Fn::Transform" {
            opaqueParts += OpaquePart.transforms(entry.value, scope: "mappings", resource: nil, at: entry.keyLocation)
          } else {
            pending.append(entry.value)
          }
        }
      case .intrinsic(let call) where call.function == .transform:
        opaqueParts += OpaquePart.transforms(call.argument, scope: "mappings", resource: nil, at: call.location)
      case .intrinsic(let call):
        throw InputError("Mappings may not contain intrinsic functions (found \(call.function.rawValue)); CloudFormation rejects the template", at: call.location)
      }
    }
  }

  /// What an opaque part found under `owner` ("Resources/X") generates, and its resource.
  private static func scope(of owner: String) -> (String, String?) {
    if owner.hasPrefix("Resources/") {
      let id = String(owner.dropFirst("Resources/".count))
      return ("properties of \(id)", id)
    }
    if owner.hasPrefix("Outputs/") { return ("output \(owner.dropFirst("Outputs/".count))", nil) }
    if owner.hasPrefix("Conditions/") { return ("condition \(owner.dropFirst("Conditions/".count))", nil) }
    return (owner, nil)
  }

  private mutating func walk(_ node: TemplateNode, from owner: String, inConditions: Bool, subVariables: Set<String> = []) throws(InputError) {
    switch node.value {
    case .scalar:
      return
    case .list(let items):
      for item in items { try walk(item, from: owner, inConditions: inConditions, subVariables: subVariables) }
    case .map(let map):
      for entry in map.entries {
        if entry.key.hasPrefix("Fn::"), map.count == 1, !entry.key.hasPrefix("Fn::ForEach::") {
          throw InputError("unknown intrinsic function \(entry.key)", at: entry.keyLocation)
        }
        if entry.key == "Fn::Transform" {
          // `AWS::Include` beside other keys: it adds entries to this mapping.
          let (scope, resource) = Self.scope(of: owner)
          opaqueParts += OpaquePart.transforms(entry.value, scope: scope, resource: resource, at: entry.keyLocation)
        } else if entry.key.hasPrefix("Fn::ForEach::"), let loop = try? ForEachLoop(entry.value, name: entry.key, at: entry.keyLocation) {
          // A loop inside a value (resource properties): not expanded here.
          let (scope, resource) = Self.scope(of: owner)
          opaqueParts.append(OpaquePart(.loop(name: loop.name, collection: loop.collection.display), scope: scope, resource: resource, at: loop.location))
          try walk(loop.collection, from: owner, inConditions: inConditions, subVariables: subVariables)
          try walk(TemplateNode(.map(loop.output), at: entry.value.location), from: owner, inConditions: inConditions, subVariables: subVariables.union(loop.identifiers))
          continue
        }
        try walk(entry.value, from: owner, inConditions: inConditions, subVariables: subVariables)
      }
    case .intrinsic(let call):
      try IntrinsicShape.check(call, languageExtensions: languageExtensions)
      if call.function == .transform {
        let (scope, resource) = Self.scope(of: owner)
        opaqueParts += OpaquePart.transforms(call.argument, scope: scope, resource: resource, at: call.location)
      }
      try record(call, from: owner, inConditions: inConditions, subVariables: subVariables)
    }
  }

  private mutating func record(_ call: Intrinsic, from owner: String, inConditions: Bool, subVariables: Set<String>) throws(InputError) {
    let argument = call.argument
    switch call.function {
    case .ref where argument.intrinsic != nil:
      try walk(argument, from: owner, inConditions: inConditions, subVariables: subVariables)
    case .ref:
      let name = argument.text ?? ""
      if subVariables.contains(name) { return }
      if inConditions, template.resource(name) != nil {
        throw InputError("a condition may reference parameters only; \(name) is a resource", at: call.location)
      }
      try requireReferable(name, at: call.location, what: "Ref")
      edges.append(.init(from: owner, to: name, kind: .ref, location: call.location))
    case .getAtt:
      let (resource, attribute) = Self.getAttTarget(argument)
      try requireResource(resource, at: call.location, what: "Fn::GetAtt")
      edges.append(.init(from: owner, to: resource, attribute: attribute, kind: .getAtt, location: call.location))
      if let list = argument.list { try walk(list[1], from: owner, inConditions: inConditions) }
    case .sub where argument.intrinsic != nil:
      try walk(argument, from: owner, inConditions: inConditions, subVariables: subVariables)
    case .sub:
      let text: String
      var local = subVariables
      if let scalar = argument.text {
        text = scalar
      } else {
        let list = argument.list ?? []
        text = list[0].text ?? ""
        if let variables = list[1].map {
          local.formUnion(variables.keys)
          for entry in variables.entries { try walk(entry.value, from: owner, inConditions: inConditions, subVariables: subVariables) }
        } else {
          try walk(list[1], from: owner, inConditions: inConditions, subVariables: subVariables)
        }
      }
      // Each variable once: its edge is the same wherever the string repeats it (3,000
      // `${Environment}` in each of 700 loop copies had been 2.1 million edges).
      var seen = local
      for variable in SubTemplate(text).variables where seen.insert(variable).inserted {
        if let dot = variable.utf8.firstIndex(of: UInt8(ascii: ".")), !variable.hasPrefix("AWS::") {
          let resource = String(variable[..<dot])
          try requireResource(resource, at: call.location, what: "Fn::Sub variable ${\(variable)}")
          edges.append(.init(from: owner, to: resource, attribute: String(variable[variable.index(after: dot)...]), kind: .sub, location: call.location))
        } else {
          try requireReferable(variable, at: call.location, what: "Fn::Sub variable ${\(variable)}")
          edges.append(.init(from: owner, to: variable, kind: .sub, location: call.location))
        }
      }
    case .if:
      let list = argument.list ?? []
      let condition = list[0].text ?? ""
      try requireCondition(condition, at: list[0].location)
      edges.append(.init(from: owner, to: condition, kind: .condition, location: list[0].location))
      for item in list.dropFirst() { try walk(item, from: owner, inConditions: inConditions, subVariables: subVariables) }
    case .condition:
      let condition = argument.text ?? ""
      try requireCondition(condition, at: call.location)
      edges.append(.init(from: owner, to: condition, kind: .condition, location: call.location))
    case .findInMap:
      let list = argument.list ?? []
      if let mapName = list[0].text, list[0].scalar != nil {
        guard template.mappings[mapName] != nil else {
          throw InputError("Fn::FindInMap names mapping \"\(mapName)\", which the Mappings section does not define", at: list[0].location)
        }
        edges.append(.init(from: owner, to: mapName, kind: .findInMap, location: list[0].location))
      }
      try walk(argument, from: owner, inConditions: inConditions, subVariables: subVariables)
    default:
      try walk(argument, from: owner, inConditions: inConditions, subVariables: subVariables)
    }
  }

  /// `(resource, attribute)` of a `Fn::GetAtt` argument, either spelling. The attribute is
  /// nil when it is itself an intrinsic function.
  static func getAttTarget(_ argument: TemplateNode) -> (String, String?) {
    if let text = argument.scalar?.text, let dot = text.firstIndex(of: ".") {
      return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }
    let list = argument.list ?? []
    return (list.first?.text ?? "", list.count > 1 ? list[1].scalar?.text : nil)
  }

  private func requireReferable(_ name: String, at location: SourceLocation, what: String) throws(InputError) {
    if template.parameter(name) != nil || template.resource(name) != nil || PseudoParameter(rawValue: name) != nil
      || isGeneratedBySAM(name)
    {
      return
    }
    let names = template.parameters.map(\.name) + template.resources.map(\.logicalID) + PseudoParameter.allCases.map(\.rawValue)
    throw InputError("\(what) names \"\(name)\", which is not a parameter, a resource or a pseudo parameter of this template\(NameSuggestion.hint(for: name, among: names))", at: location)
  }

  private func requireResource(_ name: String, at location: SourceLocation, what: String) throws(InputError) {
    guard template.resource(name) != nil || isGeneratedBySAM(name) else {
      throw InputError("\(what) names \"\(name)\", which is not a resource of this template\(NameSuggestion.hint(for: name, among: template.resources.map(\.logicalID)))", at: location)
    }
  }

  private func requireCondition(_ name: String, at location: SourceLocation) throws(InputError) {
    guard template.conditions[name] != nil else {
      throw InputError("condition \"\(name)\" is not defined in the Conditions section\(NameSuggestion.hint(for: name, among: template.conditions.keys.sorted()))", at: location)
    }
  }

  /// Logical IDs the SAM transform generates (a function's `Role`, an API's `Stage`, the
  /// implicit `ServerlessRestApi`, ...): references to them are valid in a SAM template
  /// although no such key is written. Reference: "Generated AWS CloudFormation resources
  /// for AWS SAM", https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html
  private func isGeneratedBySAM(_ name: String) -> Bool {
    guard template.isSAM else { return false }
    if name.hasPrefix("Serverless") { return true }
    return template.resources.contains { $0.type.value.hasPrefix("AWS::Serverless::") && name.hasPrefix($0.logicalID) }
  }
}
