import Foundation
import Requirements
import Testing
@testable import Rules

/// `memory` values read GB the way ECS reads a task's memory: 1 GB is 1024 MiB.
@Suite struct MemoryValueTests {
  @Test("GB and GiB are 1024 MiB each", arguments: [
    ("1 GB", 1024), ("1GB", 1024), ("2 GB", 2048), ("0.5 GB", 512), ("1 GiB", 1024), ("1024 MiB", 1024),
  ])
  func reads(_ text: String, _ mebibytes: Int) {
    #expect(RequirementValueKind.memory.read(text) == .mebibytes(mebibytes))
  }

  @Test func refusesOtherUnits() {
    #expect(RequirementValueKind.memory.read("1 TB") == nil)
    #expect(RequirementValueKind.memory.read("1024") == nil)
  }

  @Test("memory: 1 GB in REQUIREMENTS.md gives the verdicts of 1024 MiB")
  func sameVerdicts() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let file = workspace.directory.appendingPathComponent("REQUIREMENTS.md")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("memory: 1024 MiB"))
    try text.replacingOccurrences(of: "memory: 1024 MiB", with: "memory: 1 GB").write(to: file, atomically: true, encoding: .utf8)
    #expect(RequirementValueTests.verdicts(try workspace.load()) == RequirementValueTests.baseline.verdicts)
  }
}
