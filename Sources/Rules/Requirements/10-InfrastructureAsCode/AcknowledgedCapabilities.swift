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
  /// Why there are these settings or none: with none, a misspelt key that meant
  /// `capabilities` and the other samconfig env SAM CLI reads
  /// (`DeployConfiguration.unsetReason`); with some, only the latter.
  let notes: [String]
  /// Where a finding about them points when there are none (`unsetReason`).
  let unsetLocation: SourceLocation?

  init(_ context: RuleContext) {
    let configuration = context.template.scenario.configuration
    settings = configuration.capabilities
    names = Set(settings.compactMap(\.value.literal))
    if settings.isEmpty {
      (notes, unsetLocation) = configuration.unsetReason(of: "capabilities", in: context.project.samconfig)
    } else {
      (notes, unsetLocation) = ([configuration.otherEnvironmentNote(in: context.project.samconfig)].compactMap { $0 }, nil)
    }
  }

  /// The values known only when the deploy script runs, shown as written; nil when every
  /// value is text.
  var unknownAtRunTime: String? {
    settings.contains { $0.value.literal == nil } ? settings.map(\.value.description).joined(separator: " ") : nil
  }

  /// Where the capabilities are set: the first value, else where `unsetReason` points,
  /// else the start of samconfig (or of the template when there is none).
  func location(_ context: RuleContext) -> SourceLocation {
    settings.first?.origin.location ?? unsetLocation ?? context.project.samconfigFile.map { .start(of: $0.displayName) } ?? context.templateStart
  }

  /// "no capability" or "CAPABILITY_IAM, ...", with `notes`.
  var described: String {
    (names.isEmpty ? "no capability" : names.sorted().joined(separator: ", ")) + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
  }
}
