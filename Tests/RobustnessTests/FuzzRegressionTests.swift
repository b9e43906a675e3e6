import Diagnostics
import DockerfileModel
import Foundation
import ProjectModel
import ShellScriptModel
import Testing

@testable import TemplateModel

/// Every input in Fuzz/Regressions/<target>/ (a crash, hang or leak fuzzing once found)
/// goes through the same code as its fuzz target and ends in a value or an `InputError`.
@Suite struct FuzzRegressionTests {
  static let inputs: [(target: String, file: URL)] = {
    let targets = (try? FileManager.default.contentsOfDirectory(atPath: Paths.fuzzRegressions.path)) ?? []
    return targets.sorted().flatMap { target in
      let folder = Paths.fuzzRegressions.appendingPathComponent(target)
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      return files.sorted().map { (target, folder.appendingPathComponent($0)) }
    }
  }()

  @Test func everyFuzzTargetHasItsRegressionFolderReadable() {
    #expect(Self.inputs.contains { $0.target == "FuzzSamConfig" })
  }

  @Test(arguments: inputs.map { "\($0.target)/\($0.file.lastPathComponent)" })
  func regressionInputEndsInAValueOrAnInputError(name: String) throws {
    let input = Self.inputs.first { "\($0.target)/\($0.file.lastPathComponent)" == name }!
    let bytes = [UInt8](try Data(contentsOf: input.file))
    var outcomes: [Result<Void, InputError>] = []
    func attempt(_ body: () throws(InputError) -> Void) {
      do { try body(); outcomes.append(.success(())) } catch { outcomes.append(.failure(error)) }
    }
    switch input.target {
    case "FuzzTemplate":
      attempt { () throws(InputError) in
        let template = try Template.load(SourceText(file: "template.yaml", bytes: bytes))
        _ = TemplateEvaluator.evaluate(template, configuration: try DeployConfiguration.resolve(environment: "default", samconfig: nil, command: nil))
      }
    case "FuzzSamConfig":
      for file in ["samconfig.toml", "samconfig.yaml"] {
        attempt { () throws(InputError) in
          let samconfig = try SamConfig.load(SourceText(file: file, bytes: bytes))
          for environment in samconfig.environments {
            _ = try DeployConfiguration.resolve(environment: environment.name, samconfig: samconfig, command: nil)
          }
        }
      }
    case "FuzzDockerfile":
      attempt { () throws(InputError) in
        let dockerfile = try Dockerfile.parse(SourceText(file: "Dockerfile", bytes: bytes))
        _ = dockerfile.finalImage
        _ = dockerfile.buildKitDump()
      }
    case "FuzzDockerIgnore":
      attempt { () throws(InputError) in
        let source = try SourceText(file: ".dockerignore", bytes: bytes)
        let ignore = try DockerIgnore.parse(source)
        var budget = DockerIgnore.matchBudget
        for line in source.lines.prefix(64) { _ = ignore.match(path: String(line), budget: &budget) }
      }
    case "FuzzDeployScript":
      attempt { () throws(InputError) in
        let script = try ShellScript.parse(SourceText(file: "deploy.sh", bytes: bytes))
        _ = script.evaluate(Environment(arguments: ["prod"], unlistedVariablesAreUnset: true))
      }
    case "FuzzAllowedPattern":
      let split = bytes.firstIndex(of: 0) ?? bytes.count
      let pattern = String(decoding: bytes[..<split], as: UTF8.self)
      let value = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
      _ = AllowedPatterns().match(pattern, value)
      outcomes.append(.success(()))
    case "FuzzImageArchive":
      attempt { () throws(InputError) in _ = try ImageArchive.read(path: input.file.path, displayName: "image.tar") }
    default:
      Issue.record("unknown fuzz target folder \(input.target)")
    }
    #expect(!outcomes.isEmpty)
    for case .failure(let error) in outcomes {
      #expect(error.location.map { $0.line >= 1 && $0.column >= 1 } == true)
    }
  }
}
