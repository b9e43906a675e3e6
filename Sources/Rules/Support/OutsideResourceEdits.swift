/// Edits of this repository's template, shared by rule examples, that leave what the
/// service uses outside the template: each rule reading it must then say its files
/// cannot show it (needs-evidence), not judge the template's own unused resource.
enum OutsideResourceEdits {
  /// Adds a nested stack, `TaskStack` (its template at a URL vibe-rules does not read).
  static let addTaskStack = RuleExample.Edit.edit(
    .template, "  Service:\n    Type: AWS::ECS::Service\n",
    "  TaskStack:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/task.yaml\n\n  Service:\n    Type: AWS::ECS::Service\n")

  /// The service runs the task definition `TaskStack` outputs; the template's own
  /// task definition is unused.
  static let serviceRunsNestedTaskDefinition = RuleExample.Edit.edit(
    .template, "      TaskDefinition: !Ref TaskDefinition\n", "      TaskDefinition: !GetAtt TaskStack.Outputs.TaskDefinitionArn\n")

  /// The service names its target group by name where CloudFormation takes its ARN.
  static let serviceNamesTargetGroupByName = RuleExample.Edit.edit(
    .template, "          TargetGroupArn: !Ref TargetGroup\n", "          TargetGroupArn: !GetAtt TargetGroup.TargetGroupName\n")

  /// The service registers with a target group another stack exports; the template's
  /// own target group is unused.
  static let serviceRegistersWithImportedTargetGroup = RuleExample.Edit.edit(
    .template, "      LoadBalancers:\n        - ContainerName: dashboard\n          ContainerPort: 8501\n          TargetGroupArn: !Ref TargetGroup\n",
    "      LoadBalancers:\n        - ContainerName: dashboard\n          ContainerPort: 8501\n          TargetGroupArn: !ImportValue shared-target-group-arn\n")
}
