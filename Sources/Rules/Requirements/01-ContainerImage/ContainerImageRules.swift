extension RuleCatalog {
  /// Rules of requirement group 1.
  static let containerImage: [any Rule] = [
    MultiStageBuildRule(),
    DockerCopySourcesRule(),
    ImageSizeRule(),
    NonRootUserRule(),
    ContainerPortAgreementRule(),
    HealthPathAgreementRule(),
    APIBaseURLRule(),
    ImageLabelsRule(),
  ]
}
