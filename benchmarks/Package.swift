// swift-tools-version: 6.0
// Benchmark executables for vibe-rules (run them with benchmarks/run.sh). A separate
// package so the main package's build and tests are unaffected.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainIdentity = mainPackage.lastPathComponent.lowercased()

let package = Package(
  name: "vibe-rules-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: mainPackage.path),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // Times Yams.compose of a template beside Template.load + evaluation for each
    // config env, in one process, over repetitions.
    .executableTarget(
      name: "template-bench",
      dependencies: [
        .product(name: "TemplateModel", package: mainIdentity),
        .product(name: "Diagnostics", package: mainIdentity),
        .product(name: "Yams", package: "Yams"),
      ]),
  ]
)
