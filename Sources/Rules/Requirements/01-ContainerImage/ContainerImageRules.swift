extension RuleCatalog {
  /// Rules of requirement group 1.
  static let containerImage: [any Rule] = [
    MultiStageBuildRule(),
    DockerCopySourcesRule(),
    ImageSizeRule(),
    NonRootUserRule(),
    ImagePortRule(),
    ContainerPortAgreementRule(),
    HealthProbeRule(),
    HealthPathAgreementRule(),
    APIBaseURLRule(),
    ImageLabelsRule(),
  ]
}
