import Diagnostics

extension Project {
  /// Loads the evidence files `options` names (image archives, probe results).
  mutating func loadEvidence(_ options: ProjectOptions) throws(InputError) {
  }
}
