import Diagnostics

/// A COPY or ADD source the build context cannot provide.
public struct BuildContextProblem: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// No such file or directory in the context.
    case notFound
    /// `.dockerignore` leaves the source out; `pattern` is the excluding line.
    case excluded(pattern: Located<String>)
    /// A glob source that matches nothing in the context.
    case globMatchedNothing
    /// A glob whose every match is excluded; `pattern` excludes the first one.
    case globMatchesOnlyExcluded(pattern: Located<String>)
    /// The source depends on a build argument whose value is not known.
    case unresolved(reason: String)
    /// The source is not a valid pattern.
    case invalidPattern(reason: String)
    /// The context could not be listed completely, so this source was not fully checked.
    case contextIncomplete(reason: String)
  }

  /// The source as written in the instruction.
  public var source: String
  /// The COPY or ADD instruction.
  public var location: SourceLocation
  public var kind: Kind

  public init(source: String, location: SourceLocation, kind: Kind) {
    self.source = source
    self.location = location
    self.kind = kind
  }

  /// A sentence for a finding, e.g. "COPY source `.streamlit/config.toml` is excluded by
  /// .dockerignore line 4 `.streamlit/`".
  public var description: String {
    switch kind {
    case .notFound:
      "source `\(source)` is not found in the build context"
    case .excluded(let pattern):
      "source `\(source)` is excluded by \(pattern.location.file) line \(pattern.location.line) `\(pattern.value)`"
    case .globMatchedNothing:
      "source pattern `\(source)` matches nothing in the build context"
    case .globMatchesOnlyExcluded(let pattern):
      "everything source pattern `\(source)` matches is excluded (first by \(pattern.location.file) line \(pattern.location.line) `\(pattern.value)`)"
    case .unresolved(let reason):
      "source `\(source)` cannot be checked: \(reason)"
    case .invalidPattern(let reason):
      "source `\(source)` is not a valid pattern: \(reason)"
    case .contextIncomplete(let reason):
      "source `\(source)` was not fully checked: \(reason)"
    }
  }
}
