import TemplateModel

extension RuleContext {
  /// The failure for `node`, the `property` of `owner` (a logical ID), when it certainly
  /// gives no resource of `type` (`EvaluatedTemplate.faultyReference`): a resource this
  /// env's conditions remove, another attribute (`!GetAtt TG.TargetGroupName` where the
  /// ARN goes: the service API rejects the value and the deploy fails), or a resource of
  /// another Type. Located at the reference; nil when it gives one or may (an ARN, an
  /// import, a parameter). `noun` names `type` in messages ("target group").
  func faultyReferenceFinding(_ node: EvaluatedNode?, property: String, of owner: String, expected type: String, noun: String, path: String) -> Finding? {
    guard let node else { return nil }
    switch template.faultyReference(node, expected: type) {
    case nil:
      return nil
    case .removed(let removed, let condition):
      return .error(
        "\(owner)'s \(property) names \(removed.logicalID), which condition \(condition) removes\(inEnvironment): CloudFormation rejects the template here",
        at: node.location, related: [.init("the removed \(noun)", at: removed.location)], path: path)
    case .wrongAttribute(let resource, let attribute):
      return .error(
        "\(owner)'s \(property) is \(node.display), the \(attribute) of \(noun) \(resource.logicalID), not what \(property) takes (\(Self.takes(type))): the deploy fails on it",
        at: node.location, path: path)
    case .wrongType(let resource):
      let misspelt = ResourceTypes.isMisspelling(resource.type, of: type) ? " (\(type) misspelt: CloudFormation rejects the template)" : ""
      return .error(
        "\(owner)'s \(property) names \(resource.logicalID), whose Type is \(resource.type), not \(type)\(misspelt)",
        at: node.location, related: [.init("its Type", at: resource.source.type.location)], path: path)
    }
  }
}
