import TemplateModel

extension RuleContext {
  /// `verdict` unless a service names, in `outside` (`ServiceReferences.outside` of
  /// `EvaluatedTemplate.serviceClusters`, `serviceTaskDefinitions` or
  /// `serviceTargetGroupReferences`), something this template does not define as `type`:
  /// - when that reference names a resource the env's conditions remove
  ///   (`FaultyReference.removed`), a failure at the reference;
  /// - when it gives another attribute of a resource of `type`
  ///   (`FaultyReference.wrongAttribute`: `!GetAtt TG.TargetGroupName` as a
  ///   `TargetGroupArn`), a failure at the reference;
  /// - when it certainly names no `type` (`FaultyReference.wrongType`:
  ///   `AWS::ECS::Clustr`, a `Ref` to an EKS cluster), a failure at that Type;
  /// - when the verdict passes and the reference is a name, an ARN, a parameter, an import
  ///   or a nested stack's output, needs-evidence naming the services and what they name,
  ///   since its `what` is set outside these files.
  func limited(_ verdict: Verdict, byOutside outside: [OutsideReference], expected type: String, what: String) -> Verdict {
    let notOfType = outside.compactMap { reference -> Finding? in
      let wording = OutsideReferenceWording(reference.property)
      switch template.faultyReference(reference.value, expected: type) {
      case nil: return nil
      case .removed(let removed, let condition):
        return .error(
          "\(reference.service.logicalID) \(wording.verb) \(removed.logicalID), which condition \(condition) removes\(inEnvironment): CloudFormation rejects the template here, and no \(wording.noun) holds its \(what)",
          at: reference.value?.location ?? reference.service.location, related: [.init("the removed resource", at: removed.location)])
      case .wrongAttribute(let resource, let attribute):
        return .error(
          "\(reference.service.logicalID)'s \(reference.property) is \(reference.value?.display ?? ""), the \(attribute) of \(resource.logicalID), not what \(reference.property) takes (\(FaultyReference.takes(type, of: resource.logicalID))); no \(wording.noun) of this template holds its \(what)",
          at: reference.value?.location ?? reference.service.location)
      case .wrongType(let resource):
        let id = resource.logicalID
        let misspelt = ResourceTypes.isMisspelling(resource.type, of: type) ? " (\(type) misspelt: CloudFormation rejects the template)" : ""
        return .error(
          "\(reference.service.logicalID) \(wording.verb) \(id), whose Type is \(resource.type), not \(type)\(misspelt); no \(wording.noun) of this template holds its \(what)",
          at: resource.source.type.location, path: "Resources/\(id)/Type")
      }
    }
    if !notOfType.isEmpty { return Verdict(findings: verdict.findings + notOfType, passNote: verdict.passNote) }
    guard verdict.status == .pass, let first = outside.first else { return verdict }
    let named = outside.map { reference in
      let wording = OutsideReferenceWording(reference.property)
      return "\(reference.service.logicalID) \(wording.verb) \(reference.value.map { "\(wording.noun) \($0.display)" } ?? wording.absent)"
    }
    let checked = verdict.note.isEmpty ? "" : "; the template's own \(OutsideReferenceWording(first.property).noun)s: \(verdict.note)"
    return .needsEvidence(
      "\(named.joined(separator: "; ")), which this template does not define: its \(what) cannot be read from these files\(checked)",
      evidence: outside.map { $0.value?.location ?? $0.service.location })
  }
}

/// How messages name what a service property refers to.
private struct OutsideReferenceWording {
  var verb: String
  var noun: String
  /// What the service uses when the property is absent.
  var absent: String

  init(_ property: String) {
    switch property {
    case "Cluster": (verb, noun, absent) = ("runs in", "cluster", "the account's default cluster (no Cluster)")
    case "TaskDefinition": (verb, noun, absent) = ("runs", "task definition", "no task definition (no TaskDefinition)")
    case "TargetGroupArn": (verb, noun, absent) = ("registers with", "target group", "no target group")
    default: (verb, noun, absent) = ("names in \(property)", property, "nothing in \(property)")
    }
  }
}
