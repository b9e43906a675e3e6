extension RuleCatalog {
  /// Rules of requirement group 4.
  static let taskDefinition: [any Rule] = [
    TaskCPURule(),
    TaskMemoryRule(),
    ContainerPortRule(),
    ContainerLogGroupRule(),
    TaskRoleWithoutPermissionsRule(),
    ContainerHealthCheckRule(),
    HealthCheckProgramInImageRule(),
  ]
}
