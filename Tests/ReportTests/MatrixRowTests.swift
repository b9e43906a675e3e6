import Testing
@testable import Rules

/// One row for every env when they agree on the verdict, but never one env's reason for
/// all of them: 10.6 passes in dev (not production: no confirmation needed) and in prod
/// (confirms every change set) for different reasons, and the row gives both.
@Suite struct MatrixRowTests {
  @Test func aMergedRowGivesEachEnvsReasonWhenTheyDiffer() throws {
    let matrix = try OwnRepository.matrix.get()
    let row = try #require(matrix.rows.first { $0.requirement.id == "10.6" })
    #expect(row.environment == nil)
    #expect(row.status == .pass)
    #expect(row.note.contains("dev: env dev is not production"), "\(row.note)")
    #expect(row.note.contains("prod: env prod confirms every change set"), "\(row.note)")
    // Rows whose envs give the same reason keep it once.
    let same = try #require(matrix.rows.first { $0.requirement.id == "12.4" })
    #expect(same.note == "RetentionInDays 7")
  }
}
