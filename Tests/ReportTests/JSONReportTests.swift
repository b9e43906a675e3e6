import Foundation
import Testing
@testable import Rules

/// The JSON report validated against schemas/report.schema.json with Python's jsonschema.
@Suite struct JSONReportTests {
  @Test func ownRepositoryValidates() throws {
    let text = JSONReport(try OwnRepository.matrix.get(), version: "0.1.0").rendered()
    #expect(try Tool.validate(json: text, schema: Paths.reportSchema) == [])
  }

  @Test func brokenCopyValidatesWithItsFindings() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.breakFiles()
    let matrix = try copy.matrix()
    let text = JSONReport(matrix, version: "0.1.0").rendered()
    #expect(try Tool.validate(json: text, schema: Paths.reportSchema) == [])
    let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["compliant"] as? Bool == false)
    #expect((object["findings"] as? [Any])?.count == matrix.findings.count)
  }

  @Test func aSchemaViolationIsReported() throws {
    // The validator itself must reject a wrong document, or the tests above prove nothing.
    let errors = try Tool.validate(json: #"{"schemaVersion": 2}"#, schema: Paths.reportSchema)
    #expect(!errors.isEmpty)
  }
}
