/// Fargate task sizes as CloudFormation accepts them: CPU as units (`"512"`) or vCPU
/// (`"0.5 vCPU"`), memory as MiB (`"1024"`) or GB (`"1 GB"`, which Fargate reads as GiB).
/// Reference: "Task size" in "Amazon ECS task definition parameters for Fargate",
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
public enum TaskSize {
  /// CPU units (1024 = 1 vCPU), or nil for text that is neither form (or out of `Int`'s range).
  public static func cpuUnits(_ text: String) -> Int? {
    let lower = text.lowercased().filter { $0 != " " }
    if lower.hasSuffix("vcpu"), let value = Double(lower.dropLast(4)) { return Int(exactly: (value * 1024).rounded()) }
    return Int(lower)
  }

  /// MiB, or nil for text that is neither form.
  public static func mebibytes(_ text: String) -> Int? {
    let lower = text.lowercased().filter { $0 != " " }
    if lower.hasSuffix("gb"), let value = Double(lower.dropLast(2)) { return Int(exactly: (value * 1024).rounded()) }
    return Int(lower)
  }
}
