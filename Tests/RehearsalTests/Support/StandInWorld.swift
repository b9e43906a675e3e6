import Foundation

/// The simulated AWS account, registry and Docker engine the stand-ins share: a directory
/// whose layout `StandIns/lib/world.bash` documents. The harness reads it after a run
/// (what CloudFormation, ECR and the engine now hold) and owns its clock: each run starts
/// an hour after the last call of the previous one, so deployments from earlier runs are
/// long finished.
struct StandInWorld {
  let directory: URL

  /// Seconds between the end of one run and the start of the next.
  static let timeBetweenRuns = 3600

  /// Creates an empty world (no stack, no repository, no image) at `directory`.
  static func empty(at directory: URL) throws -> StandInWorld {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return StandInWorld(directory: directory)
  }

  /// A copy of this world at `target` (a world seeded once, reused by several runs).
  func copy(to target: URL) throws -> StandInWorld {
    try FileManager.default.copyItem(at: directory, to: target)
    return StandInWorld(directory: target)
  }

  /// The first line of a world file, without its newline; nil when the file is absent.
  func read(_ path: String) -> String? {
    guard let text = try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8) else { return nil }
    return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }

  /// File name → first line, for the files of a world folder.
  func entries(_ folder: String) -> [String: String] {
    let url = directory.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return Dictionary(uniqueKeysWithValues: names.compactMap { name in read("\(folder)/\(name)").map { (name, $0) } })
  }

  /// The clock a run started now begins at (seconds).
  var clock: Int { read("harness-clock").flatMap(Int.init) ?? 0 }

  /// Moves the clock past `calls`, plus the time between runs.
  func advanceClock(past calls: [RecordedCall]) throws {
    let last = max(clock, calls.map(\.clock).max() ?? 0)
    try "\(last + Self.timeBetweenRuns)\n".write(to: directory.appendingPathComponent("harness-clock"), atomically: true, encoding: .utf8)
  }

  /// Removes and returns the calls logged since the last take, in order.
  func takeCalls() throws -> [RecordedCall] {
    let url = directory.appendingPathComponent("calls.log")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    try FileManager.default.removeItem(at: url)
    return try text.split(separator: "\n").map { line in
      guard let call = RecordedCall(logLine: line) else { throw RehearsalError.malformedLog(String(line)) }
      return call
    }
  }

  /// Removes and returns the `sam deploy` records written since the last take, in order.
  func takeSamDeploys() throws -> [SamDeployRecord] {
    var records: [SamDeployRecord] = []
    var number = 1
    let folder = directory.appendingPathComponent("sam")
    while let parameters = try? String(contentsOf: folder.appendingPathComponent("deploy-\(number).params"), encoding: .utf8),
      let meta = try? String(contentsOf: folder.appendingPathComponent("deploy-\(number).meta"), encoding: .utf8)
    {
      records.append(SamDeployRecord(parametersFile: parameters, metaFile: meta))
      number += 1
    }
    try? FileManager.default.removeItem(at: folder)
    return records
  }

  /// Folder names under a world folder.
  func folders(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)) ?? []).sorted()
  }

  /// What the world holds now: stacks, registries, local images, ECS services.
  func snapshot() -> WorldSnapshot {
    var snapshot = WorldSnapshot(account: read("account") ?? "123456789012")
    for region in folders("stacks") {
      for stack in folders("stacks/\(region)") {
        let folder = "stacks/\(region)/\(stack)"
        var parameters: [String: String] = [:]
        let text = (try? String(contentsOf: directory.appendingPathComponent("\(folder)/parameters"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
          guard let equals = line.firstIndex(of: "=") else { continue }
          parameters[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        snapshot.stacks["\(region)/\(stack)"] = WorldSnapshot.Stack(
          status: read("\(folder)/status") ?? "", outputs: entries("\(folder)/outputs"), parameters: parameters,
          resources: entries("\(folder)/resources"))
      }
    }
    for region in folders("ecr") {
      for repository in folders("ecr/\(region)") {
        snapshot.registries["\(region)/\(repository)"] = entries("ecr/\(region)/\(repository)/tags")
      }
    }
    snapshot.localImages = Dictionary(uniqueKeysWithValues: entries("docker/images").map { ($0.key.replacingOccurrences(of: "%2F", with: "/"), $0.value) })
    for region in folders("ecs") {
      for cluster in folders("ecs/\(region)") {
        for service in folders("ecs/\(region)/\(cluster)") {
          let folder = "ecs/\(region)/\(cluster)/\(service)"
          if let image = read("\(folder)/image"), let deployedAt = read("\(folder)/deployed-at").flatMap(Int.init) {
            snapshot.services["\(region)/\(cluster)/\(service)"] = WorldSnapshot.Service(image: image, deployedAt: deployedAt)
          }
        }
      }
    }
    return snapshot
  }
}
