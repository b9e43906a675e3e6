/// The AWS partition of a region, which gives `AWS::Partition` and `AWS::URLSuffix`.
/// Reference: "Pseudo parameters reference",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
public struct Partition: Hashable, Sendable {
  public var name: String
  public var urlSuffix: String

  public static func of(region: String) -> Partition {
    if region.hasPrefix("cn-") { return Partition(name: "aws-cn", urlSuffix: "amazonaws.com.cn") }
    if region.hasPrefix("us-gov-") { return Partition(name: "aws-us-gov", urlSuffix: "amazonaws.com") }
    if region.hasPrefix("us-iso-") { return Partition(name: "aws-iso", urlSuffix: "c2s.ic.gov") }
    if region.hasPrefix("us-isob-") { return Partition(name: "aws-iso-b", urlSuffix: "sc2s.sgov.gov") }
    if region.hasPrefix("eusc-") { return Partition(name: "aws-eusc", urlSuffix: "amazonaws.eu") }
    return Partition(name: "aws", urlSuffix: "amazonaws.com")
  }
}
