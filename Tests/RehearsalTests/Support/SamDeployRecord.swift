/// What one `sam deploy` resolved: every template parameter's value and where it came
/// from, the stack and region, the config env and how the deploy ended.
struct SamDeployRecord: Sendable {
  struct Parameter: Sendable {
    var name: String
    var value: String
    /// `override` (command line, or samconfig when the command line has none),
    /// `previous` (UsePreviousValue on an existing stack), `default`, or `missing`.
    var source: String
    /// False when the template gives the parameter a Default.
    var isRequired: Bool
  }

  var parameters: [Parameter]
  var stack: String
  var region: String
  var configEnvironment: String
  /// `deployed`, `no-changes`, `declined` or `failed`.
  var outcome: String

  init(parametersFile: String, metaFile: String) {
    parameters = parametersFile.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3, let equals = fields[0].firstIndex(of: "=") else { return nil }
      return Parameter(
        name: String(fields[0][..<equals]), value: String(fields[0][fields[0].index(after: equals)...]),
        source: fields[1], isRequired: fields[2] == "required")
    }
    var meta: [String: String] = [:]
    for line in metaFile.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      meta[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    stack = meta["stack"] ?? ""
    region = meta["region"] ?? ""
    configEnvironment = meta["config-env"] ?? ""
    outcome = meta["outcome"] ?? "unknown"
  }

  func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}
