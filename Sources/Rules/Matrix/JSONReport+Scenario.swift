import Diagnostics
import TemplateModel

extension JSONReport {
  /// What one config env evaluated the template with, so a reader of the JSON can tell
  /// why a row differs between envs:
  ///
  /// ```json
  /// {"environment": "prod",
  ///  "stackName": {"value": "vibejudge-dashboard-prod", "setBy": {"file": "infra/samconfig.toml", "line": 31, "column": 1}},
  ///  "region": {"value": "us-east-1", "setBy": {...}},
  ///  "parameters": {"Environment": {"value": "prod", "known": true, "setBy": {...}},
  ///                 "ImageTag": {"value": "${IMAGE_TAG}", "known": false, "setBy": {...}}},
  ///  "conditions": {"IsProd": true, "HasCertificate": null}}
  /// ```
  ///
  /// `known` is false for a value the deploy script computes when it runs (`value` is
  /// the shell expression) and for a missing value (`value` null). A `NoEcho` parameter's
  /// value is never written (`"****"`). A condition is null when it depends on a value
  /// unknown before deploy. `setBy` is where the value comes from: the samconfig key,
  /// the deploy script's `sam deploy` line, or the template's `Default`. A value longer
  /// than `maximumValueBytes` is cut, ending `… (N more bytes)`: each env repeats every
  /// parameter, so 190 defaults of 80 KB in 64 envs wrote 976 MB of JSON (2.9 GB of memory).
  struct ScenarioEntry: Encodable {
    static let maximumValueBytes = 4096

    struct Setting: Encodable {
      var value: String?
      var known: Bool
      var setBy: Location?

      enum CodingKeys: String, CodingKey { case value, known, setBy }
      func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(known, forKey: .known)
        try container.encode(setBy, forKey: .setBy)
      }
    }

    var environment: String
    var stackName: Setting?
    var region: Setting?
    var parameters: [String: Setting]
    var conditions: [String: Bool?]

    init(_ scenario: Scenario, template: Template?) {
      environment = scenario.environment
      stackName = scenario.configuration.stackName.map(Self.setting)
      region = scenario.configuration.region.map(Self.setting)
      var parameters: [String: Setting] = [:]
      for (name, binding) in scenario.parameters {
        let secret = template?.parameter(name)?.noEcho == true
        let setBy = binding.origin.map { Location($0.location) }
        switch binding.value {
        case .text(let text):
          parameters[name] = Setting(value: secret ? "****" : QuotedText.abbreviated(text, limit: Self.maximumValueBytes), known: true, setBy: setBy)
        case .symbolic(let expression):
          parameters[name] = Setting(value: QuotedText.abbreviated(expression, limit: Self.maximumValueBytes), known: false, setBy: setBy)
        case .missing: parameters[name] = Setting(value: nil, known: false, setBy: nil)
        }
      }
      self.parameters = parameters
      conditions = scenario.conditions
    }

    static func setting(_ setting: DeploySetting) -> Setting {
      Setting(value: setting.value.description, known: setting.value.literal != nil, setBy: Location(setting.origin.location))
    }

    enum CodingKeys: String, CodingKey { case environment, stackName, region, parameters, conditions }
    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(environment, forKey: .environment)
      try container.encode(stackName, forKey: .stackName)
      try container.encode(region, forKey: .region)
      try container.encode(parameters, forKey: .parameters)
      try container.encode(conditions, forKey: .conditions)
    }
  }
}
