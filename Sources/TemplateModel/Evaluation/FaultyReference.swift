/// A `Ref` or `Fn::GetAtt` that certainly does not give the resource a property takes
/// (`EvaluatedTemplate.faultyReference(_:expected:)`): rules fail at the reference
/// instead of reading it as a resource defined elsewhere.
public enum FaultyReference: Sendable {
  /// A resource this env's conditions remove: CloudFormation rejects the template in
  /// this env ("Unresolved resource dependencies").
  case removed(Resource, condition: String)
  /// A resource of the expected type, through an attribute the property does not take
  /// (`EvaluatedTemplate.referenceAttributes`): `!GetAtt LogGroup.Arn` as an awslogs
  /// group, a role's `RoleId`.
  case wrongAttribute(EvaluatedResource, attribute: String)
  /// A resource whose Type is another (`EvaluatedTemplate.wrongTypeReference`): a
  /// misspelt or malformed Type, or a `Ref` to another AWS type.
  case wrongType(EvaluatedResource)
}

extension EvaluatedTemplate {
  /// How `node` certainly fails to give a resource of `type`, in the order a reader
  /// fixes them: a removed resource, another attribute, another Type. Nil when it gives
  /// one, or may (an ARN, an import, a nested stack's output).
  public func faultyReference(_ node: EvaluatedNode?, expected type: String) -> FaultyReference? {
    if let (resource, condition) = removedResource(referencedBy: node) { return .removed(resource, condition: condition) }
    if let (resource, attribute) = wrongAttributeReference(node, expected: type) { return .wrongAttribute(resource, attribute: attribute) }
    if let resource = wrongTypeReference(node, expected: type) { return .wrongType(resource) }
    return nil
  }
}
