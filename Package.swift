// swift-tools-version: 6.0
import PackageDescription

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
    .target(name: "Diagnostics"),
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
    // glibc malloc's arena limit (mallopt M_ARENA_MAX), for large inputs.
    .systemLibrary(name: "CMalloc"),
    // Every artifact of one repository loaded together.
    .target(name: "ProjectModel", dependencies: ["Requirements", "TemplateModel", "DockerfileModel", "ShellScriptModel", "CZlib"]),
    // Rules and the requirement matrix.
    .target(name: "Rules", dependencies: ["ProjectModel"]),
    .executableTarget(
      name: "vibe-rules",
      dependencies: [
        "Rules", "ProjectModel", "CMalloc",
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
    .testTarget(name: "ReportTests", dependencies: ["Rules", "ProjectModel", "TemplateModel"]),
    // StandIns/: the stand-in aws, sam, docker and git programs the rehearsal puts on PATH.
    .testTarget(name: "RehearsalTests", dependencies: ["Rules", "ProjectModel", "ShellScriptModel"], exclude: ["StandIns"]),
    .testTarget(name: "RobustnessTests", dependencies: ["Rules", "ProjectModel", "TemplateModel", "DockerfileModel", "ShellScriptModel"]),
  ]
)
