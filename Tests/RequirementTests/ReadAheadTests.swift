import Diagnostics
import Foundation
@testable import ProjectModel
import Requirements
import Testing
@testable import Rules

/// `Project.readDefinitionsAhead`: the catalogue and template read on another core before
/// `load` give the same project as `load` reading them itself, raise the same first error,
/// and are not taken for other files. (`root/.` names the same folder by another string,
/// so it loads without the reading.)
@Suite struct ReadAheadTests {
  static func matrix(_ project: Project) throws -> String {
    let matrix = try ProjectEvaluation.matrix(for: project)
    return matrix.rows.map { "\($0.requirement.id) \($0.environment ?? "") \($0.status)" }.joined(separator: "\n")
  }

  /// Gives the workspace's REQUIREMENTS.md a `Kind` the catalogue does not have.
  static func breakCatalogue(_ workspace: Workspace) throws {
    let file = workspace.directory.appendingPathComponent("REQUIREMENTS.md")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("\nKind: static\n"))
    try text.replacingOccurrences(of: "\nKind: static\n", with: "\nKind: bogus\n").write(to: file, atomically: true, encoding: .utf8)
  }

  @Test func theProjectIsTheOneLoadReads() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let root = workspace.directory.path
    Project.readDefinitionsAhead(ProjectOptions(root: root))
    let ahead = try Project.load(ProjectOptions(root: root))
    let itself = try Project.load(ProjectOptions(root: root + "/."))
    #expect(ahead.template?.resources.map(\.logicalID) == itself.template?.resources.map(\.logicalID))
    #expect(ahead.requirements.requirements.map(\.id) == itself.requirements.requirements.map(\.id))
    #expect(ahead.inputFiles == itself.inputFiles.map { $0.replacingOccurrences(of: root + "/.", with: root) })
    #expect(ahead.waivers.count == itself.waivers.count)
    #expect(try Self.matrix(ahead) == Self.matrix(itself))
  }

  /// With both the catalogue and the template broken, the catalogue's error comes first, as
  /// when `load` reads them itself (it reads the template only after the catalogue).
  @Test func errorsComeInLoadsOrder() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.apply(.edit(.template, "Resources:\n", "Resources: [\n"))
    try Self.breakCatalogue(workspace)
    let root = workspace.directory.path
    Project.readDefinitionsAhead(ProjectOptions(root: root))
    let ahead = #expect(throws: InputError.self) { try Project.load(ProjectOptions(root: root)) }
    let itself = #expect(throws: InputError.self) { try Project.load(ProjectOptions(root: root + "/.")) }
    #expect(ahead?.message == itself?.message)
    #expect(ahead?.message.contains("Kind") == true, "\(ahead?.message ?? "")")
    #expect(ahead?.location?.file == itself?.location?.file)
  }

  /// After a catalogue error the template is not read (`load` raises the catalogue's
  /// error without it): a broken catalogue beside a 12 MB template had taken seconds.
  @Test func aBrokenCatalogueLeavesTheTemplateUnread() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try Self.breakCatalogue(workspace)
    let options = ProjectOptions(root: workspace.directory.path)
    Project.readDefinitionsAhead(options)
    let reading = try #require(EarlyDefinitions.reading(options))
    #expect(throws: InputError.self) { try reading.catalogue.get() }
    let template = try reading.template.get()
    #expect(template == nil, "the template was read")
    #expect(throws: InputError.self) { try Project.load(options) }
  }

  /// A reading for the default template is not taken by a load that names another one.
  @Test func anotherTemplateIsReadByLoad() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let root = workspace.directory.path
    try FileManager.default.copyItem(atPath: root + "/infra/template.yaml", toPath: root + "/infra/other.yaml")
    try workspace.apply(.edit(.template, "Resources:\n", "Resources: [\n"))
    Project.readDefinitionsAhead(ProjectOptions(root: root))
    var options = ProjectOptions(root: root)
    options.template = "infra/other.yaml"
    #expect(throws: Never.self) { try Project.load(options) }
  }
}
