import TemplateModel

extension FaultyReference {
  /// The failure of `node`, the `property` of resource `owner`, which should give a
  /// resource of `type` (`noun` names it in messages: "target group", "role") and has
  /// this fault: a resource this env's conditions remove (`inEnvironment`: " in env
  /// prod" or ""), another attribute (`!GetAtt TG.TargetGroupName` where the ARN goes:
  /// the service API rejects the value and the deploy fails), or a resource of another
  /// Type. Located at the reference; `path` is the property's template path.
  func finding(at node: EvaluatedNode, property: String, of owner: String, expected type: String, noun: String, inEnvironment: String, path: String) -> Finding {
    switch self {
    case .removed(let removed, let condition):
      return .error(
        "\(owner)'s \(property) names \(removed.logicalID), which condition \(condition) removes\(inEnvironment): CloudFormation rejects the template here",
        at: node.location, related: [.init("the removed \(noun)", at: removed.location)], path: path)
    case .wrongAttribute(let resource, let attribute):
      return .error(
        "\(owner)'s \(property) is \(node.display), the \(attribute) of \(noun) \(resource.logicalID), not what \(property) takes (\(Self.takes(type, of: resource.logicalID))): the deploy fails on it",
        at: node.location, path: path)
    case .wrongType(let resource):
      let misspelt = ResourceTypes.isMisspelling(resource.type, of: type) ? " (\(type) misspelt: CloudFormation rejects the template)" : ""
      return .error(
        "\(owner)'s \(property) names \(resource.logicalID), whose Type is \(resource.type), not \(type)\(misspelt)",
        at: node.location, related: [.init("its Type", at: resource.source.type.location)], path: path)
    }
  }

  /// How a property takes resource `logicalID` of `type`: "!Ref Role or !GetAtt
  /// Role.Arn", with the attributes `EvaluatedTemplate.referenceAttributes` accepts.
  static func takes(_ type: String, of logicalID: String) -> String {
    let attributes = (EvaluatedTemplate.referenceAttributes[type] ?? []).sorted()
    return (["!Ref \(logicalID)"] + attributes.map { "!GetAtt \(logicalID).\($0)" }).joined(separator: " or ")
  }
}

extension RuleContext {
  /// The failure for `node`, the `property` of `owner` (a logical ID), when it certainly
  /// gives no resource of `type` (`EvaluatedTemplate.faultyReference`,
  /// `FaultyReference.finding`); nil when it gives one or may (an ARN, an import, a
  /// parameter). `noun` names `type` in messages ("target group").
  func faultyReferenceFinding(_ node: EvaluatedNode?, property: String, of owner: String, expected type: String, noun: String, path: String) -> Finding? {
    guard let node else { return nil }
    return template.faultyReference(node, expected: type)?
      .finding(at: node, property: property, of: owner, expected: type, noun: noun, inEnvironment: inEnvironment, path: path)
  }
}
