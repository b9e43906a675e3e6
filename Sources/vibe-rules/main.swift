import ProjectModel
import Rules
let project = try Project.load(ProjectOptions())
let results = RuleEngine.run(RuleCatalog.all, on: project)
let matrix = RequirementMatrix(catalogue: project.requirements, results: results, environments: project.environments.map(\.scenario.environment))
for row in matrix.rows { print(row.requirement.id, row.environment ?? "all", row.status.rawValue, row.note, row.findings.map { "\($0.location): \($0.message)" }) }
