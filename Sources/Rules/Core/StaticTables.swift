import Dispatch
import TemplateModel

/// The tables every evaluation reads and no input changes: each rule's definition and the
/// CloudFormation resource schemas' index (1.6 M instructions to build on this repository;
/// each schema scope's table is built when first asked for, see `ResourceSchemaTables`).
public enum StaticTables {
  /// Builds the tables on a dispatch worker thread, so that they are ready by the time the
  /// rules run: `vibe-rules` calls this first, and the tables build on the second core
  /// while the command line is parsed (which also starts dispatch's worker threads
  /// before the files are read on them). Both are `static let`s, built once whichever
  /// thread reads them first (Swift's lazy globals are thread-safe).
  public static func prepareInBackground() {
    DispatchQueue.global().async {
      for rule in RuleCatalog.all { _ = rule.definition }
      _ = ResourceSchemas.shared
    }
  }
}
