/// What a misspelt name most likely meant: `!Ref Clustr` in a template that defines
/// `Cluster`, `AWS::ECS::Clustr` for `AWS::ECS::Cluster`. Names match at most two edits
/// apart, letter case ignored.
public enum NameSuggestion {
  /// The names of `candidates` at most two edits from `name` (letter case ignored), with
  /// their distance, in the candidates' order.
  public static func near(_ name: String, among candidates: some Sequence<String>) -> [(distance: Int, name: String)] {
    let wanted = Array(name.lowercased().unicodeScalars)
    var found: [(distance: Int, name: String)] = []
    for candidate in candidates where abs(candidate.unicodeScalars.count - wanted.count) <= 2 {
      let distance = editDistance(Array(candidate.lowercased().unicodeScalars), wanted, limit: 2)
      if distance <= 2 { found.append((distance, candidate)) }
    }
    return found
  }

  /// The name of `candidates` closest to `name`, other than `name` itself (the first of
  /// equally close ones); nil when none is within two edits.
  public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    var best: (distance: Int, name: String)?
    for found in near(name, among: candidates) where found.name != name && found.distance < best?.distance ?? 3 { best = found }
    return best?.name
  }

  /// " (did you mean X?)" for the closest of `candidates`, else "".
  public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
    closest(to: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
  }

  /// Levenshtein distance of `a` and `b`, or `limit + 1` once it is certainly over `limit`.
  public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1] + Array(repeating: 0, count: b.count)
      for (j, y) in b.enumerated() {
        current[j + 1] = min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
      }
      if current.min()! > limit { return limit + 1 }
      previous = current
    }
    return previous[b.count]
  }
}
