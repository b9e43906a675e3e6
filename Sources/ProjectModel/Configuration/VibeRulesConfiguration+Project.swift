import Diagnostics
import Requirements

extension VibeRulesConfiguration {
  /// The configuration `options` names (`--config`, relative to the root unless
  /// absolute), else `.vibe-rules.yaml` in the root, else nil; with the file it was read from.
  ///
  /// - Throws: `InputError` when `--config` names a missing file, or the file does not read.
  public static func locate(_ options: ProjectOptions) throws(InputError) -> (file: ArtifactFile, configuration: VibeRulesConfiguration)? {
    guard let file = try file(options) else { return nil }
    return (file, try parse(file.source()))
  }

  /// The configuration file `options` name (`--config`), else `.vibe-rules.yaml` in the
  /// root if it exists.
  static func file(_ options: ProjectOptions) throws(InputError) -> ArtifactFile? {
    try ArtifactFile.resolve(options.configFile, fallback: defaultFile, root: options.root, option: "--config")
  }

  /// `options` with every setting the command line left unset taken from the
  /// configuration: flags win.
  ///
  /// - Throws: `InputError` at the configuration's value when a path it names (and no
  ///   flag overrides) does not exist.
  public func applied(to options: ProjectOptions) throws(InputError) -> ProjectOptions {
    var merged = options
    func path(_ key: String, _ current: String?, directory: Bool = false) throws(InputError) -> String? {
      guard current == nil, let value = paths[key] else { return current }
      try Self.requireExisting(value, key: key, root: options.root, directory: directory)
      return value.value
    }
    merged.template = try path("template", options.template)
    merged.samconfig = try path("samconfig", options.samconfig)
    merged.dockerfile = try path("dockerfile", options.dockerfile)
    merged.dockerignore = try path("dockerignore", options.dockerignore)
    merged.context = try path("context", options.context, directory: true)
    merged.deployScript = try path("deploy-script", options.deployScript)
    merged.requirements = try path("requirements", options.requirements)
    merged.imageInspect = try path("image-inspect", options.imageInspect)
    merged.imageArchive = try path("image-archive", options.imageArchive)
    if merged.target == nil { merged.target = target?.value }
    if merged.environments.isEmpty { merged.environments = environments.map(\.value) }
    if merged.evidence.isEmpty {
      for file in evidence {
        try Self.requireExisting(file, key: "evidence", root: options.root, directory: false)
      }
      merged.evidence = evidence.map(\.value)
    }
    return merged
  }

  private static func requireExisting(_ value: Located<String>, key: String, root: String, directory: Bool) throws(InputError) {
    let path = value.value.hasPrefix("/") ? value.value : ArtifactFile.join(root, value.value)
    guard directory ? FileBytes.isDirectory(path) : FileBytes.size(of: path) != nil else {
      throw InputError("\(key) \(value.value): no such \(directory ? "directory" : "file") (paths are relative to the root)", at: value.location)
    }
  }

  /// `catalogue` with the requirements of `not-waivable` marked so.
  ///
  /// - Throws: `InputError` at the entry when the catalogue has no such requirement.
  public func restricting(_ catalogue: RequirementCatalogue) throws(InputError) -> RequirementCatalogue {
    var catalogue = catalogue
    for (id, overrides) in values {
      guard catalogue[id] != nil else {
        throw InputError("values names requirement \(id), which \(catalogue.source) does not define", at: overrides[0].location)
      }
    }
    catalogue.override(values)
    guard !notWaivable.isEmpty else { return catalogue }
    for id in notWaivable where catalogue[id.value] == nil {
      throw InputError("not-waivable names requirement \(id.value), which \(catalogue.source) does not define", at: id.location)
    }
    let ids = Set(notWaivable.map(\.value))
    return RequirementCatalogue(source: catalogue.source, requirements: catalogue.requirements.map { requirement in
      var requirement = requirement
      if ids.contains(requirement.id) { requirement.isWaivable = false }
      return requirement
    })
  }
}
