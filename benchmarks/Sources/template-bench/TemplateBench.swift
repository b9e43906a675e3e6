import Diagnostics
import TemplateModel
import Yams

#if canImport(Glibc)
import Glibc
#endif

/// `template-bench TEMPLATE SAMCONFIG [--mode both|compose|load] [--repetitions N]`
///
/// Times, in one process and on the same file: `Yams.compose` of the template text alone
/// (the baseline: libyaml plus Yams' node tree and tag resolution), and vibe-rules'
/// `SourceText` decoding + `Template.load` + `TemplateEvaluator.evaluate` for every
/// config env of SAMCONFIG. Each repetition runs both, alternating which goes first.
/// Prints one line per measure: `name median_ms min_ms max_ms`, then the ratio.
/// `--mode compose` or `--mode load` runs only one side (for peak-memory and profiler
/// runs of each side alone).
@main
struct TemplateBench {
  static func main() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var mode = "both"
    var repetitions = 10
    if let index = arguments.firstIndex(of: "--mode") {
      mode = arguments[index + 1]
      arguments.removeSubrange(index...(index + 1))
    }
    if let index = arguments.firstIndex(of: "--repetitions") {
      repetitions = Int(arguments[index + 1]) ?? repetitions
      arguments.removeSubrange(index...(index + 1))
    }
    guard arguments.count == 2 else {
      fail("usage: template-bench TEMPLATE SAMCONFIG [--mode both|compose|load] [--repetitions N]")
    }
    guard let bytes = FileBytes.read(arguments[0]) else {
      fail("cannot read \(arguments[0])")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let samconfig = try SamConfig.load(SourceText.read(path: arguments[1]))
    let configurations = try samconfig.deployableEnvironmentNames.map {
      try DeployConfiguration.resolve(environment: $0, samconfig: samconfig, command: nil)
    }

    var composeTimes: [Double] = []
    var loadTimes: [Double] = []
    var evaluateTimes: [Double] = []
    var resourceCount = 0
    for repetition in 0..<repetitions {
      func compose() throws {
        let start = now()
        let node = try Yams.compose(yaml: text, .default, .default, .utf8)
        composeTimes.append(now() - start)
        precondition(node != nil)
      }
      func load() throws {
        let start = now()
        let template = try Template.load(SourceText(file: arguments[0], bytes: bytes))
        let loaded = now()
        var resources = 0
        for configuration in configurations {
          resources += TemplateEvaluator.evaluate(template, configuration: configuration).resources.count
        }
        let evaluated = now()
        loadTimes.append(loaded - start)
        evaluateTimes.append(evaluated - loaded)
        resourceCount = template.resources.count
        precondition(resources > 0)
      }
      switch mode {
      case "compose": try compose()
      case "load": try load()
      default:
        if repetition % 2 == 0 { try compose(); try load() } else { try load(); try compose() }
      }
    }
    print("file \(arguments[0]) bytes \(bytes.count) resources \(resourceCount) envs \(configurations.count) repetitions \(repetitions)")
    report("yams_compose", composeTimes)
    report("vibe_load", loadTimes)
    report("vibe_evaluate_all_envs", evaluateTimes)
    let totals = zip(loadTimes, evaluateTimes).map { $0 + $1 }
    report("vibe_load_and_evaluate", totals)
    if !composeTimes.isEmpty && !totals.isEmpty {
      print("ratio_load_and_evaluate_to_compose \(format(median(totals) / median(composeTimes)))")
    }
  }

  static func fail(_ message: String) -> Never {
    _ = (message + "\n").withCString { write(2, $0, strlen($0)) }
    exit(2)
  }

  /// Milliseconds on the monotonic clock.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  static func report(_ name: String, _ values: [Double]) {
    guard !values.isEmpty else { return }
    print("\(name) \(format(median(values))) \(format(values.min()!)) \(format(values.max()!))")
  }

  static func format(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return "\(scaled)"
  }
}
