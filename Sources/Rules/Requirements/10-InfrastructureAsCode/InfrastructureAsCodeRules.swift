extension RuleCatalog {
  /// Rules of requirement group 10.
  static let infrastructureAsCode: [any Rule] = [
    TemplateResourcesRule(),
    TemplatePropertySchemaRule(),
    RequiredPropertyPerEnvironmentRule(),
    PhysicalNamePerEnvironmentRule(),
    TemplateParametersRule(),
    TemplateOutputsRule(),
    IAMRolesRule(),
    IAMNamedCapabilityRule(),
    NestedApplicationCapabilityRule(),
    ResourceTagsRule(),
    ChangeSetReviewRule(),
  ]
}
