import Foundation

/// Builds real saved-image archives in a scratch directory with the system's `tar`,
/// `gzip` and `sha256sum`: layer tars from files, content-addressed blobs, the JSON
/// documents `docker save` and OCI image layouts hold, and the outer tar.
struct ImageFixture {
  let scratch: ScratchDirectory
  private var counter = 0

  init(_ scratch: ScratchDirectory) { self.scratch = scratch }

  /// A layer tar holding one file per entry of `files` (name → size in bytes).
  mutating func layer(_ files: [String: Int]) throws -> Data {
    counter += 1
    let source = scratch.path("layer-sources/\(counter)")
    for (name, size) in files {
      try scratch.write("layer-sources/\(counter)/\(name)", Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
    }
    let out = scratch.path("layer-\(counter).tar")
    try run("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-cf", out, "-C", source, "."])
    return try Data(contentsOf: URL(fileURLWithPath: out))
  }

  /// `data` gzip-compressed (`gzip -n`: no name or time, so stable).
  mutating func gzip(_ data: Data) throws -> Data {
    counter += 1
    let file = try scratch.write("gzip-\(counter)", data)
    return try run("gzip", ["-n", "-c", file])
  }

  /// "sha256:<hex>" of `data`.
  mutating func digest(_ data: Data) throws -> String {
    counter += 1
    let file = try scratch.write("digest-\(counter)", data)
    let line = String(decoding: try run("sha256sum", [file]), as: UTF8.self)
    return "sha256:" + (line.split(separator: " ").first.map(String.init) ?? "")
  }

  /// Stores `data` as a blob of the layout in `layout` and returns its digest.
  mutating func blob(_ data: Data, in layout: String) throws -> String {
    let digest = try self.digest(data)
    try scratch.write("\(layout)/blobs/sha256/\(digest.dropFirst("sha256:".count))", data)
    return digest
  }

  /// JSON text of `object`.
  static func json(_ object: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  }

  /// Packs the folder `layout` into `name` with `tar` (members named without "./" as
  /// Docker writes them, or with it as `tar -C dir .` writes them).
  func pack(_ layout: String, into name: String, dotPrefix: Bool = false, format: String = "gnu") throws -> String {
    let out = scratch.path(name)
    let directory = scratch.path(layout)
    let members = dotPrefix ? ["."] : try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    try run("tar", ["--format=\(format)", "-cf", out, "-C", directory] + members)
    return out
  }

  /// An image config JSON.
  static func config(architecture: String = "amd64", created: String = "2026-11-29T12:00:00Z", diffIDs: [String]) throws -> Data {
    try json(["architecture": architecture, "os": "linux", "created": created, "config": ["User": "streamlit"],
              "rootfs": ["type": "layers", "diff_ids": diffIDs]])
  }

  /// An OCI image manifest JSON.
  static func manifest(config: String, configSize: Int, layers: [(digest: String, size: Int, gzip: Bool)]) throws -> Data {
    try json([
      "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
      "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": configSize],
      "layers": layers.map { ["mediaType": $0.gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar", "digest": $0.digest, "size": $0.size] },
    ])
  }
}
