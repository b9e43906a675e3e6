// swift-tools-version: 6.0
import PackageDescription

// Generic types of concrete arguments (`Set<RequirementID>`, `[String: EvaluatedNode]`) are
// reached through their metadata accessor functions instead of by demangling their names at
// run time: a name's generic requirements (`RequirementID: Hashable`) are otherwise looked up
// by scanning every protocol conformance record of the binary (6,704 with Foundation linked
// statically), once per type. On `report` over this repository that is 8.7 M of 171 M
// instructions and 7% of the wall time (benchmarks/RESULTS.md, "Metadata by accessor").
// A hidden frontend option, so only for the toolchains it was measured on.
#if compiler(>=6.0) && compiler(<6.4)
let metadataByAccessor: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]
#else
let metadataByAccessor: [SwiftSetting] = []
#endif

let package = Package(
  name: "vibe-rules",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "vibe-rules", targets: ["vibe-rules"]),
    .library(name: "Rules", targets: ["Rules"]),
    .library(name: "TemplateModel", targets: ["TemplateModel"]),
    // For the fuzz targets (Fuzz/) and benchmarks (benchmarks/), separate packages.
    .library(name: "Diagnostics", targets: ["Diagnostics"]),
    .library(name: "DockerfileModel", targets: ["DockerfileModel"]),
    .library(name: "ShellScriptModel", targets: ["ShellScriptModel"]),
    .library(name: "ProjectModel", targets: ["ProjectModel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // Source positions and the one input-error type every loader throws.
    .target(name: "Diagnostics", dependencies: ["CFormat"]),
    // The Dockerfile parser (BuildKit semantics) and .dockerignore matching.
    .target(name: "DockerfileModel", dependencies: ["Diagnostics"]),
    // The deploy script read as shell commands (never executed).
    .target(name: "ShellScriptModel", dependencies: ["Diagnostics"]),
    // The SAM/CloudFormation template and samconfig, evaluated per config env.
    .target(
      name: "TemplateModel",
      dependencies: [
        "Diagnostics",
        .product(name: "Yams", package: "Yams"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    // The requirement catalogue: REQUIREMENTS.md with its typed values.
    .target(
      name: "Requirements", dependencies: ["Diagnostics"],
      resources: [.embedInCode("BuiltIn/REQUIREMENTS.md")]),
    // zlib, for the uncompressed size of gzip image layers (image archive evidence).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // C's fixed-point formatting of a double, for figures in messages.
    .systemLibrary(name: "CFormat"),
    // glibc malloc's arena limit (mallopt M_ARENA_MAX), for large inputs.
    .systemLibrary(name: "CMalloc"),
    // A thread started on another core than its creator's, for reading ahead.
    .systemLibrary(name: "CThread"),
    // The executable's writable data faulted in at the start (madvise MADV_POPULATE_WRITE).
    .systemLibrary(name: "CWritableData"),
    // Every artifact of one repository loaded together.
    .target(name: "ProjectModel", dependencies: ["Requirements", "TemplateModel", "DockerfileModel", "ShellScriptModel", "CZlib", "CThread"]),
    // Rules and the requirement matrix.
    .target(name: "Rules", dependencies: ["ProjectModel"]),
    .executableTarget(
      name: "vibe-rules",
      dependencies: [
        "Rules", "ProjectModel", "CMalloc", "CWritableData",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "DockerfileModelTests", dependencies: ["DockerfileModel"]),
    .testTarget(name: "ShellScriptModelTests", dependencies: ["ShellScriptModel"]),
    .testTarget(name: "TemplateModelTests", dependencies: ["TemplateModel"]),
    .testTarget(
      name: "RequirementTests", dependencies: ["Rules", "ProjectModel", "Requirements", "TemplateModel"],
      exclude: ["Fixtures"]),
    .testTarget(name: "EvidenceTests", dependencies: ["Rules", "ProjectModel", "TemplateModel"]),
    .testTarget(name: "ReportTests", dependencies: ["Rules", "ProjectModel", "TemplateModel", "Diagnostics"]),
    // StandIns/: the stand-in aws, sam, docker and git programs the rehearsal puts on PATH.
    .testTarget(name: "RehearsalTests", dependencies: ["Rules", "ProjectModel", "ShellScriptModel"], exclude: ["StandIns"]),
    .testTarget(
      name: "RobustnessTests",
      dependencies: ["Rules", "ProjectModel", "TemplateModel", "DockerfileModel", "ShellScriptModel", "CWritableData"]),
  ]
)

// The option on every library and executable target, those added later included.
for target in package.targets where target.type == .regular || target.type == .executable {
  target.swiftSettings = (target.swiftSettings ?? []) + metadataByAccessor
}
