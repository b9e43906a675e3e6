extension RuleCatalog {
  /// Rules of requirement group 11.
  static let deployScript: [any Rule] = [
    DeployScriptLineEndingsRule(),
    DeployScriptInterpreterRule(),
    DeployPrerequisitesRule(),
    ImageTagsRule(),
    ECRPushRule(),
    SamDeployImageTagRule(),
    SamOverridesReplaceRule(),
    ServiceStableWaitRule(),
    StackOutputURLRule(),
    StackNameMatchRule(),
    ErrexitDeadCheckRule(),
    DeployedDockerfileRule(),
    DeployedTemplateRule(),
  ]
}
