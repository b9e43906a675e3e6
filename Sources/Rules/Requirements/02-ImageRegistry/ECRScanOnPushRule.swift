import TemplateModel

/// 2.1: every image pushed to the registry is scanned for vulnerabilities.
struct ECRScanOnPushRule: Rule {
  static let definition = RuleDefinition(
    id: "ecr-scan-on-push",
    requirements: ["2.1"],
    title: "ECR repository scans images on push",
    rationale: "Basic scanning on push reports known CVEs of every pushed image before it is deployed; without it a vulnerable base image goes unnoticed.",
    scope: .perEnvironment, artifacts: [.template],
    sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html"],
    examples: [
      .compliant(),
      .change("scan on push turned off", .edit(.template, "ScanOnPush: true", "ScanOnPush: false")),
      .change("no scanning configuration", .edit(.template, "ImageScanningConfiguration:\n        ScanOnPush: true\n", "")),
    ])

  func evaluate(_ context: RuleContext) -> Verdict {
    let repositories = context.template.resources(ofType: "AWS::ECR::Repository")
    guard !repositories.isEmpty else {
      return .fail(.error("the template creates no AWS::ECR::Repository; requirement 2.1 needs one with scan on push", at: context.template.template.location))
    }
    return Verdict(findings: repositories.compactMap { repository in
      let scan = repository["ImageScanningConfiguration"]?["ScanOnPush"]
      if scan?.bool == true { return nil }
      let location = scan?.location ?? repository["ImageScanningConfiguration"]?.location ?? repository.location
      return .error("\(repository.logicalID) has ScanOnPush \(scan?.display ?? "unset (default false)"); it must be true", at: location, path: "Resources/\(repository.logicalID)/Properties/ImageScanningConfiguration/ScanOnPush")
    }, passNote: "ScanOnPush true on " + repositories.map(\.logicalID).joined(separator: ", "),
      evidence: repositories.compactMap { $0["ImageScanningConfiguration"]?["ScanOnPush"]?.location })
  }
}
