import Diagnostics
import TemplateModel

/// The capabilities one config env's `sam deploy` acknowledges: the deploy script's
/// `--capabilities`, else samconfig's `capabilities` (a flag replaces the file's value;
/// `DeployConfiguration`). CloudFormation refuses a change set that needs a capability
/// not among them ("Requires capabilities : [...]"). Reference: "Acknowledging IAM
/// resources in CloudFormation templates",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/control-access-with-iam.html#using-iam-capabilities
struct AcknowledgedCapabilities {
  let settings: [DeploySetting]
  /// The capabilities written as text (`CAPABILITY_IAM`, ...).
  let names: Set<String>
  /// A samconfig key that meant `capabilities` (`capabilties`), when none is set.
  let misspelt: UnknownSamConfigKey?
  /// Why the settings are another samconfig env's (`DeployConfiguration.otherEnvironmentNote`),
  /// and the `sam deploy` that selects it; nil when they are the env's own.
  let otherEnvironment: (note: String, command: SourceLocation)?

  init(_ context: RuleContext) {
    let configuration = context.template.scenario.configuration
    settings = configuration.capabilities
    names = Set(settings.compactMap(\.value.literal))
    misspelt = settings.isEmpty ? configuration.misspelling(of: "capabilities") : nil
    otherEnvironment = configuration.otherEnvironmentNote(in: context.project.samconfig).flatMap { note in
      configuration.command.map { (note, $0.location) }
    }
  }

  /// The values known only when the deploy script runs, shown as written; nil when every
  /// value is text.
  var unknownAtRunTime: String? {
    settings.contains { $0.value.literal == nil } ? settings.map(\.value.description).joined(separator: " ") : nil
  }

  /// Where the capabilities are set: the first value, else the misspelt key, else the
  /// `sam deploy` that reads another env's, else the env's first samconfig table, else
  /// the start of samconfig (or of the template when there is none).
  func location(_ context: RuleContext) -> SourceLocation {
    let configuration = context.template.scenario.configuration
    return settings.first?.origin.location ?? misspelt?.location ?? otherEnvironment?.command
      ?? context.project.samconfig?.environment(configuration.samconfigEnvironment)?.location
      ?? context.project.samconfigFile.map { .start(of: $0.displayName) } ?? context.templateStart
  }

  /// "no capability" or "CAPABILITY_IAM, ...", with the misspelt key's message or why
  /// the settings are another env's.
  var described: String {
    let why = [misspelt?.message, otherEnvironment?.note].compactMap { $0 }
    return (names.isEmpty ? "no capability" : names.sorted().joined(separator: ", ")) + (why.isEmpty ? "" : " (\(why.joined(separator: "; ")))")
  }
}
