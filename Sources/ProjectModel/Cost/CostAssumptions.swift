import Requirements

/// What the cost model cannot read from the template and assumes instead. Every
/// assumption is printed with the figures and each can be overridden (`vibe-rules cost`
/// flags); the rules use the defaults.
public struct CostAssumptions: Sendable, Codable, Equatable {
  /// Load balancer capacity units used per hour, per Application Load Balancer. One LCU
  /// is 25 new connections/s, 3,000 active connections/min, 1 GB/h processed or 1,000 rule
  /// evaluations/s, whichever is highest (https://aws.amazon.com/elasticloadbalancing/pricing/).
  public var lcuPerLoadBalancer: Double = 1
  /// GB of container logs ingested into CloudWatch Logs per task per month.
  public var logGBPerTaskMonth: Double = 0.5
  /// GB stored in ECR per image.
  public var imageGB: Double = 0.25
  /// Where `imageGB` comes from (an assumption, or the image evidence).
  public var imageGBOrigin: String = "assumed"
  /// Images kept in each ECR repository.
  public var imagesStored: Int = 10
  /// Where `imagesStored` comes from.
  public var imagesStoredOrigin: String = "assumed"
  /// Fraction FARGATE_SPOT costs less than on-demand FARGATE (0.7: 70 % less).
  public var spotDiscount: Double = PriceList.usEast1.fargateSpotDiscountCeiling
  /// The task size used when a task definition's `Cpu` or `Memory` is not known before
  /// deploy (requirements 4.1 `cpu` and 4.2 `memory`); nil: such tasks are not priced.
  public var fallbackCPUUnits: Int?
  public var fallbackMemoryMiB: Int?

  public init() {}

  /// The defaults for `project`: images stored from requirement 12.3's `keep-images`,
  /// the fallback task size from 4.1 `cpu` and 4.2 `memory`, the image size from the
  /// image evidence (`--image-inspect`/`--image-archive`) when given (uncompressed bytes,
  /// so an upper bound of what ECR stores compressed). `value(key, id)` reads a
  /// requirement value (rules pass `RuleContext.value`, so the read is recorded).
  public static func defaults(for project: Project, value: (String, RequirementID) -> RequirementValue?) -> CostAssumptions {
    var assumptions = CostAssumptions()
    if let kept = value("keep-images", "12.3"), let count = kept.integer {
      assumptions.imagesStored = count
      assumptions.imagesStoredOrigin = "requirement 12.3 keep-images \(kept.cited)"
    }
    assumptions.fallbackCPUUnits = value("cpu", "4.1")?.integer
    assumptions.fallbackMemoryMiB = value("memory", "4.2")?.integer
    if let image = project.imageInspection {
      assumptions.imageGB = Double(image.size) / 1_000_000_000
      assumptions.imageGBOrigin = "uncompressed size of \(image.display) (evidence \(image.file))"
    }
    return assumptions
  }

  /// The defaults for `project`, values read from its REQUIREMENTS.md, else the built-in one.
  public static func defaults(for project: Project) -> CostAssumptions {
    defaults(for: project) { key, id in project.requirements[id]?.values[key] ?? RequirementCatalogue.builtIn[id]?.values[key] }
  }

  /// One line per assumption: the flag that overrides it, its value, what it means.
  public var described: [(flag: String, value: String, meaning: String)] {
    [
      ("--lcu", Self.format(lcuPerLoadBalancer), "load balancer capacity units used each hour, per ALB (assumed)"),
      ("--log-gb-per-task", Self.format(logGBPerTaskMonth), "GB of logs ingested per task per month (assumed)"),
      ("--image-gb", Self.format(imageGB), "GB stored per image in ECR (\(imageGBOrigin))"),
      ("--images-stored", "\(imagesStored)", "images kept per ECR repository (\(imagesStoredOrigin))"),
      ("--spot-discount", Self.format(spotDiscount), "FARGATE_SPOT discount off on-demand (assumed: the 70 % ceiling of the Fargate pricing page and requirement 12.2's premise; Spot prices vary)"),
    ]
  }

  static func format(_ value: Double) -> String {
    Int(exactly: value).map(String.init) ?? String(value)
  }
}
