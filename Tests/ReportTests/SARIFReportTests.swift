import Foundation
import ProjectModel
import Testing
@testable import Rules

/// SARIF output validated against the OASIS SARIF 2.1.0 schema (errata 01, from
/// ../shared/schemas/sarif) with Python's jsonschema, and read back field by field.
@Suite struct SARIFReportTests {
  static func decode(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func ownRepositoryValidatesAndDescribesEveryRule() throws {
    let matrix = try OwnRepository.matrix.get()
    let text = SARIFReport(matrix, version: "0.1.0").rendered()
    #expect(try Tool.validate(json: text, schema: Paths.sarifSchema) == [])
    let log = try Self.decode(text)
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == RuleCatalog.all.count)
    let ingress = try #require(rules.first { $0["id"] as? String == "task-ingress-from-alb" })
    #expect((ingress["shortDescription"] as? [String: Any])?["text"] as? String == TaskIngressRule.definition.title)
    #expect(((ingress["help"] as? [String: Any])?["text"] as? String)?.contains("vibe-rules explain task-ingress-from-alb") == true)
    #expect((ingress["properties"] as? [String: Any])?["requirements"] as? [String] == ["8.2"])
    // Every finding is a result; the waived ones (4.4 and 9.1 in dev, waived in the
    // template's LogGroup metadata; 12.1, waived on the Service) stay, suppressed with the reason.
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == matrix.reportedFindings.count + matrix.waivedFindings.count)
    let suppressed = results.compactMap { ($0["suppressions"] as? [[String: Any]])?.first }
    #expect(suppressed.count == matrix.waivedFindings.count)
    #expect(suppressed.count >= 1)
    for suppression in suppressed {
      #expect(suppression["kind"] as? String == "inSource")
      let justification = suppression["justification"] as? String ?? ""
      #expect(justification.contains("log group names are unique") || justification.contains("2-task month costs"))
    }
    // One value breaking 4.4 and 9.1 is two results; equal fingerprints would make code
    // scanning merge them into one alert.
    let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey] }
    #expect(fingerprints.count == results.count)
    #expect(Set(fingerprints).count == fingerprints.count, "\(fingerprints)")
    #expect(results.filter { $0["ruleId"] as? String == "container-log-group" }.count == 2)
  }

  @Test func brokenCopyGivesOneResultPerFinding() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let text = SARIFReport(matrix, version: "0.1.0").rendered()
    #expect(try Tool.validate(json: text, schema: Paths.sarifSchema) == [])
    let run = try #require((try Self.decode(text)["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == matrix.reportedFindings.count + matrix.waivedFindings.count)
    #expect(results.filter { $0["suppressions"] == nil }.count == matrix.reportedFindings.count)
    let ssh = try #require(results.first { $0["ruleId"] as? String == "task-ingress-from-alb" })
    #expect(ssh["level"] as? String == "error")
    #expect(((ssh["message"] as? [String: Any])?["text"] as? String)?.contains("opens 22 to 0.0.0.0/0") == true)
    let location = try #require(((ssh["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
    let artifact = try #require(location["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "infra/template.yaml")
    #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
    let region = try #require(location["region"] as? [String: Any])
    let finding = try #require(matrix.reportedFindings.first { $0.finding.ruleID == "task-ingress-from-alb" }?.finding)
    #expect(region["startLine"] as? Int == finding.location.line)
    #expect(region["startColumn"] as? Int == finding.location.column)
    #expect((ssh["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey]?.contains("Resources/TaskSecurityGroup/Properties/SecurityGroupIngress/0") == true)
    // The cross-file finding points at the Dockerfile.
    let curl = try #require(results.first { $0["ruleId"] as? String == "healthcheck-program-in-image" })
    let related = try #require(curl["relatedLocations"] as? [[String: Any]])
    let relatedURI = ((related.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
    #expect(relatedURI == "docker/Dockerfile")
  }

  @Test func pathsAreURIs() {
    let outside = SARIFReport.physical(.init(file: "/tmp/a b/template.yaml", line: 3, column: 1))
    #expect(outside.artifactLocation.uri == "file:///tmp/a%20b/template.yaml")
    #expect(outside.artifactLocation.uriBaseId == nil)
    let inside = SARIFReport.physical(.init(file: "infra/my template.yaml", line: 0, column: 0))
    #expect(inside.artifactLocation.uri == "infra/my%20template.yaml")
    #expect(inside.region.startLine == 1)
  }
}
