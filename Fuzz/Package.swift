// swift-tools-version: 6.0
// libFuzzer targets for vibe-rules' readers of untrusted files. A separate package, so
// the main package's `swift build` and `swift test` never see `-sanitize=fuzzer`.
// Build and run with `Fuzz/run.sh [seconds]` (see Fuzz/README.md).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, and a clone's folder name is not
// fixed (CI clones into another folder), so the identity is read from the path.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainIdentity = mainPackage.lastPathComponent.lowercased()

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
  .executableTarget(
    name: name,
    dependencies: products.map { .product(name: $0, package: mainIdentity) },
    swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
  name: "vibe-rules-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: mainPackage.path)],
  targets: [
    fuzzTarget("FuzzTemplate", ["TemplateModel"]),
    fuzzTarget("FuzzSamConfig", ["TemplateModel"]),
    fuzzTarget("FuzzDockerfile", ["DockerfileModel"]),
    fuzzTarget("FuzzDockerIgnore", ["DockerfileModel"]),
    fuzzTarget("FuzzDeployScript", ["ShellScriptModel"]),
    fuzzTarget("FuzzAllowedPattern", ["TemplateModel"]),
    fuzzTarget("FuzzImageArchive", ["ProjectModel"]),
  ]
)
