import Diagnostics

/// Something a build step does to the image's files, in build order: a COPY/ADD (from the
/// build context or not) or a RUN. Kept so a rule can ask where a file of the image
/// comes from (`ImageFacts.origin(ofImagePath:contextDirectory:dockerignore:)`).
public enum ImageFileEvent: Sendable, Hashable {
  /// A COPY or ADD. `sources` are expanded (nil when a build argument leaves one unknown);
  /// `destination` is absolute (joined onto the WORKDIR then in effect), nil when unknown;
  /// `fromContext` is false for `COPY --from`, remote ADD sources and heredocs.
  case copy(sources: [String?], destination: String?, destinationIsDirectory: Bool, fromContext: Bool)
  /// A RUN, with its command text (it may create or delete any file).
  case run(String)
}
