/// The name a reference to an undefined one most likely meant: `!Ref Clustr` in a template
/// that defines `Cluster`.
enum NameSuggestion {
  /// The name of `candidates` closest to `name`, at most two edits away with letter case
  /// ignored (the first of equally close ones); nil when none is that close.
  static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let wanted = Array(name.lowercased().unicodeScalars)
    var best: (distance: Int, name: String)?
    for candidate in candidates where candidate != name && abs(candidate.unicodeScalars.count - wanted.count) <= 2 {
      let distance = ResourceTypes.editDistance(Array(candidate.lowercased().unicodeScalars), wanted, limit: 2)
      if distance <= 2, distance < best?.distance ?? 3 { best = (distance, candidate) }
    }
    return best?.name
  }

  /// " (did you mean X?)" for the closest of `candidates`, else "".
  static func hint(for name: String, among candidates: some Sequence<String>) -> String {
    closest(to: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
  }
}
