import Foundation
import Diagnostics

/// Evaluates a template for one config env, the way CloudFormation will: parameters
/// bound (template `Default`, then the env's overrides), pseudo parameters known from
/// the deploy configuration (`AWS::Region`, `AWS::StackName`, `AWS::Partition`,
/// `AWS::URLSuffix`), every condition decided once (so no combinatorial enumeration can
/// happen: a condition that depends on a deploy-time value is "undecided", and an
/// `Fn::If` on it keeps both branches), resources and outputs with a false condition
/// removed, `AWS::NoValue` dropped.
public struct TemplateEvaluator {
  public let template: Template
  public let configuration: DeployConfiguration
  private var bindings: [String: ParameterBinding]
  private var conditionOutcomes: [String: Bool?] = [:]
  private var problems: [EvaluationProblem] = []
  /// The resources this env's conditions remove (logical ID → condition name), known
  /// before any resource is evaluated.
  private var removedByCondition: [String: String] = [:]
  /// What is being evaluated ("Service", "output ClusterArn"), for problem messages.
  private var owner = ""
  /// Owner and resource of each reference to a removed resource already reported.
  private var reportedRemovals = Set<String>()
  private let region: String?
  /// What this evaluation may still compute: bytes of text (made, and of `Fn::Sub` strings
  /// read), and 64 per `Fn::Split` item and per part of an `Fn::Sub` (about what one costs
  /// in memory). See `computeBudget(sharedBy:)`.
  private var computeBudget: Int

  /// `computeBudget`: what this evaluation may compute, from `computeBudget(sharedBy:)`.
  public init(template: Template, configuration: DeployConfiguration, computeBudget: Int = Self.maximumComputedTotal) {
    self.template = template
    self.configuration = configuration
    self.computeBudget = computeBudget
    bindings = ParameterBinding.bind(template, configuration)
    region = configuration.region?.value.literal
  }

  /// Evaluates every condition, resource and output, computing at most `computeBudget`.
  public static func evaluate(_ template: Template, configuration: DeployConfiguration, computeBudget: Int = Self.maximumComputedTotal) -> EvaluatedTemplate {
    var evaluator = TemplateEvaluator(template: template, configuration: configuration, computeBudget: computeBudget)
    return evaluator.run()
  }

  private mutating func run() -> EvaluatedTemplate {
    checkBindings()
    for name in ConditionChain.dependencyOrder(template) { _ = condition(name) }
    for resource in template.resources {
      if let name = resource.condition?.value, condition(name) == .some(false) { removedByCondition[resource.logicalID] = name }
    }
    var resources: [EvaluatedResource] = []
    var removed: [(Resource, String)] = []
    for resource in template.resources {
      var conditional = false
      if let name = resource.condition?.value {
        switch condition(name) {
        case .some(false): removed.append((resource, name)); continue
        case .none: conditional = true
        case .some(true): break
        }
      }
      owner = resource.logicalID
      for dependency in resource.dependsOn { noteReference(to: dependency.value, at: dependency.location) }
      let properties = resource.propertiesNode.flatMap { evaluate($0) }?.map ?? EvaluatedMap([])
      resources.append(EvaluatedResource(
        logicalID: resource.logicalID, type: resource.type.value, location: resource.location,
        properties: properties, propertiesLocation: resource.propertiesLocation,
        condition: resource.condition?.value, isConditional: conditional, source: resource))
    }
    var outputs: [EvaluatedOutput] = []
    for output in template.outputs {
      var conditional = false
      if let name = output.condition?.value {
        switch condition(name) {
        case .some(false): continue
        case .none: conditional = true
        case .some(true): break
        }
      }
      owner = "output \(output.name)"
      outputs.append(EvaluatedOutput(
        name: output.name, location: output.location, value: evaluate(output.value),
        export: output.export.flatMap { evaluate($0) }, isConditional: conditional))
    }
    let scenario = Scenario(
      environment: configuration.environment, configuration: configuration, parameters: bindings,
      conditions: conditionOutcomes)
    return EvaluatedTemplate(
      template: template, scenario: scenario, resources: resources, removedResources: removed,
      outputs: outputs, problems: problems)
  }

  // MARK: Parameters

  private mutating func checkBindings() {
    let names = Set(template.parameters.map(\.name))
    let patterns = AllowedPatterns()
    for override in configuration.parameterOverrides where !names.contains(override.key) {
      problems.append(EvaluationProblem(
        kind: .unknownParameter,
        message: "env \(configuration.environment) overrides parameter \(override.key), which the template does not declare; CloudFormation rejects the change set",
        location: override.origin.location, related: []))
    }
    for parameter in template.parameters {
      guard let binding = bindings[parameter.name] else { continue }
      switch binding.value {
      case .missing:
        problems.append(EvaluationProblem(
          kind: .missingParameter,
          message: "parameter \(parameter.name) has no value in env \(configuration.environment): no Default and no override; a new stack fails to create and an existing stack silently keeps its previous value",
          location: parameter.location, related: configuration.command.map { [$0.location] } ?? []))
      case .symbolic:
        continue
      case .text(let text):
        let kind: EvaluationProblem.Kind, message: String
        switch ParameterConstraints.check(parameter, value: text, patterns: patterns) {
        case nil: continue
        case .violation(let text): (kind, message) = (.disallowedValue, text)
        case .undecided(let text): (kind, message) = (.uncheckedConstraint, text)
        }
        problems.append(EvaluationProblem(
          kind: kind, message: "env \(configuration.environment): \(message)",
          location: binding.origin?.location ?? parameter.location, related: [parameter.location]))
      }
    }
  }

  // MARK: Conditions

  /// The outcome of condition `name`: nil when undecidable in this env.
  public mutating func condition(_ name: String) -> Bool? {
    if let known = conditionOutcomes[name] { return known }
    conditionOutcomes[name] = .some(nil)  // guard against cycles (the validator rejects them)
    let outcome = template.conditions[name].flatMap { decide($0) }
    conditionOutcomes[name] = .some(outcome)
    return outcome
  }

  private mutating func decide(_ node: TemplateNode) -> Bool? {
    guard let call = node.intrinsic else { return node.scalar?.boolean }
    let items = call.argument.list ?? []
    switch call.function {
    case .equals:
      guard items.count == 2 else { return nil }
      guard let left = comparable(evaluate(items[0])), let right = comparable(evaluate(items[1])) else { return nil }
      return left == right
    case .and:
      let outcomes = items.map { decide($0) }
      if outcomes.contains(false) { return false }
      return outcomes.allSatisfy { $0 == true } ? true : nil
    case .or:
      let outcomes = items.map { decide($0) }
      if outcomes.contains(true) { return true }
      return outcomes.allSatisfy { $0 == false } ? false : nil
    case .not:
      return items.first.flatMap { decide($0) }.map { !$0 }
    case .condition:
      return call.argument.text.flatMap { condition($0) }
    default:
      return evaluate(node)?.bool
    }
  }

  /// Text CloudFormation compares in `Fn::Equals` (every scalar compares as a string).
  private func comparable(_ node: EvaluatedNode?) -> String? {
    guard let node else { return "" }
    if let scalar = node.scalar { return scalar.kind == .null ? "" : scalar.text }
    if let items = node.list {
      let texts = items.compactMap { comparable($0) }
      return texts.count == items.count ? "[" + texts.joined(separator: ",") + "]" : nil
    }
    return nil
  }

  // MARK: Values

  /// Evaluates `node`; nil means `AWS::NoValue` (the key or item disappears).
  public mutating func evaluate(_ node: TemplateNode) -> EvaluatedNode? {
    switch node.value {
    case .scalar(let scalar):
      guard scalar.kind != .string || !DynamicReference.occurs(in: scalar.text) else { return unresolved(.expression(scalar.text), node.location) }
      return EvaluatedNode(.scalar(scalar), at: node.location)
    case .list(let items):
      return EvaluatedNode(.list(items.compactMap { evaluate($0) }), at: node.location)
    case .map(let map):
      var entries: [EvaluatedMap.Entry] = []
      entries.reserveCapacity(map.count)
      for entry in map.entries {
        guard let value = evaluate(entry.value) else { continue }
        entries.append(EvaluatedMap.Entry(key: entry.key, keyLocation: entry.keyLocation, value: value))
      }
      return EvaluatedNode(.map(EvaluatedMap(entries)), at: node.location)
    case .intrinsic(let call):
      return evaluate(call, at: node.location)
    }
  }

  private func unresolved(_ what: Unresolved, _ location: SourceLocation) -> EvaluatedNode {
    EvaluatedNode(.unresolved(what), at: location)
  }

  /// A computed string; one that holds a dynamic reference (`DynamicReference`) is known
  /// only at deploy time.
  private func string(_ text: String, _ location: SourceLocation) -> EvaluatedNode {
    guard !DynamicReference.occurs(in: text) else { return unresolved(.expression(text), location) }
    return EvaluatedNode(.scalar(.string(text)), at: location)
  }

  /// One function per intrinsic below: evaluation recurses once per nesting level
  /// (bounded by `NodeConverter.maximumNesting`), so this dispatcher, which is on the
  /// stack at every level, keeps no locals of its own (one function with every case
  /// inline took about 45 KB of stack per level in a debug build).
  private mutating func evaluate(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    switch call.function {
    case .ref: return ref(call, at: location)
    case .getAtt: return getAtt(call, at: location)
    case .sub where call.argument.intrinsic != nil: return unresolved(.expression(call.display), location)
    case .sub: return bounded(substitute(call.argument, at: location), call)
    case .join: return bounded(join(call, at: location), call)
    case .select: return select(call, at: location)
    case .split: return split(call, at: location)
    case .if: return ifCall(call, at: location)
    case .equals, .and, .or, .not, .condition: return decided(call, at: location)
    case .findInMap: return findInMap(call, call.argument.list ?? [], at: location)
    case .getAZs: return getAZs(call, at: location)
    case .importValue: return unresolved(.importValue(evaluate(call.argument)?.display ?? call.argument.display), location)
    case .base64: return bounded(base64(call, at: location), call)
    case .length: return length(call, at: location)
    case .toJsonString: return bounded(toJsonString(call, at: location), call)
    default: return unresolved(.expression(call.display), location)
    }
  }

  /// The longest string `Fn::Sub`, `Fn::Join`, `Fn::Base64` and `Fn::ToJsonString` are
  /// computed to: 1 MiB of UTF-8, the size of the largest template CloudFormation takes
  /// (from S3). Longer results stay unresolved instead: nested `Fn::Base64` grows 4/3
  /// per level and an `Fn::Sub` that uses its variable twice doubles per level, so 100
  /// levels would be petabytes. Unresolved parts count 16 each, so parts shared by many
  /// references (`${V}${V}` over `!GetAtt`) are bounded too.
  static let maximumComputedLength = 1 << 20

  /// The most one config env's evaluation computes in all (16 MiB: strings from `Fn::Sub`,
  /// `Fn::Join`, `Fn::Base64`, `Fn::ToJsonString`, the `Fn::Sub` strings read, and
  /// `Fn::Split`'s items and `Fn::Sub`'s parts at 64 bytes each). Each result is bounded
  /// by `maximumComputedLength`, but a template can ask for it many times (a hundred
  /// outputs splitting the same 1 MiB parameter); once the budget is spent, further
  /// computed values stay unresolved, "not computed".
  public static let maximumComputedTotal = 16 << 20

  /// What all config envs of one run compute in all: 32 MiB.
  public static let maximumComputedInRun = 32 << 20

  /// One env's budget when `environments` envs are evaluated in one run: an equal share of
  /// `maximumComputedInRun`, at most `maximumComputedTotal` and at least
  /// `maximumComputedLength` (16 MiB each for one or two envs, 1 MiB each from 32 envs).
  /// The same for every env, so verdicts do not depend on which env's thread ran first.
  public static func computeBudget(sharedBy environments: Int) -> Int {
    min(maximumComputedTotal, max(maximumComputedLength, maximumComputedInRun / max(environments, 1)))
  }

  /// `node` as computed by `call`, or an unresolved "not computed" value when it is longer
  /// than `maximumComputedLength` or than what is left of the evaluation's budget.
  private mutating func bounded(_ node: EvaluatedNode?, _ call: Intrinsic) -> EvaluatedNode? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node.value else {
      guard node.exceeds(Self.maximumComputedLength) else { return node }
      return notComputed(call.function.rawValue, node.location)
    }
    guard charge(scalar.text.utf8.count) else { return notComputed(call.function.rawValue, node.location) }
    return node
  }

  /// Takes `cost` from the evaluation's budget if both it and the per-result limit allow.
  private mutating func charge(_ cost: Int) -> Bool {
    guard cost <= Self.maximumComputedLength, cost <= computeBudget else { return false }
    computeBudget -= cost
    return true
  }

  private func notComputed(_ function: String, _ location: SourceLocation) -> EvaluatedNode {
    unresolved(.expression("\(function) (longer than \(Self.maximumComputedLength) bytes or over this env's evaluation budget, not computed)"), location)
  }

  /// `texts` joined by `separator`, or nil when the result would be over the limits (checked
  /// before anything is joined: a thousand references to one 1 MiB parameter would be 1 GiB).
  private func joined(_ texts: [String], separator: String) -> String? {
    var length = separator.utf8.count * max(texts.count - 1, 0)
    for text in texts {
      length += text.utf8.count
      if length > Self.maximumComputedLength { return nil }
    }
    guard length <= computeBudget else { return nil }
    return texts.joined(separator: separator)
  }

  private mutating func ref(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let argument = call.argument
    if argument.intrinsic != nil {
      guard let name = evaluate(argument)?.string else { return unresolved(.expression(call.display), location) }
      return reference(name, at: location)
    }
    return reference(argument.text ?? "", at: location)
  }

  private mutating func getAtt(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let items = call.argument.list ?? []
    let (resource, attribute) = TemplateValidator.getAttTarget(call.argument)
    let name = attribute ?? (items.count > 1 ? evaluate(items[1])?.string : nil) ?? "?"
    noteReference(to: resource, at: location)
    return unresolved(.attribute(resource, name), location)
  }

  private mutating func join(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let items = call.argument.list ?? []
    guard items.count == 2, let delimiter = items[0].text, let list = evaluate(items[1]) else {
      return unresolved(.expression(call.display), location)
    }
    guard let values = list.list else { return unresolved(.concatenation([list]), location) }
    if let texts = values.allStrings {
      guard let text = joined(texts, separator: delimiter) else { return notComputed(call.function.rawValue, location) }
      return string(text, location)
    }
    var parts: [EvaluatedNode] = []
    for (index, value) in values.enumerated() {
      if index > 0 { parts.append(string(delimiter, location)) }
      parts.append(value)
    }
    return unresolved(.concatenation(parts), location)
  }

  private mutating func select(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let items = call.argument.list ?? []
    guard items.count == 2, let index = evaluate(items[0])?.int, let list = evaluate(items[1]) else {
      return unresolved(.expression(call.display), location)
    }
    if case .availabilityZones(let zoneRegion) = list.unresolved {
      return unresolved(.availabilityZone(region: zoneRegion, index: index), location)
    }
    guard let values = list.list else { return unresolved(.expression(call.display), location) }
    guard values.indices.contains(index) else {
      problems.append(EvaluationProblem(kind: .invalidFunction, message: "Fn::Select index \(index) is outside the list of \(values.count) items in env \(configuration.environment)", location: location, related: []))
      return unresolved(.expression(call.display), location)
    }
    return values[index]
  }

  private mutating func split(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let items = call.argument.list ?? []
    guard items.count == 2, let delimiter = items[0].text, let text = evaluate(items[1])?.string else {
      return unresolved(.expression(call.display), location)
    }
    guard chargeSplit(text, by: delimiter) else { return notComputed(call.function.rawValue, location) }
    return EvaluatedNode(.list(text.components(separatedBy: delimiter).map { string($0, location) }), at: location)
  }

  /// Takes from the budget what splitting `text` at `delimiter` makes, counted before the
  /// items are made (a 1 MiB string of delimiters is a million items): its bytes and 64
  /// per item. False, taking nothing, when the budget does not cover it.
  private mutating func chargeSplit(_ text: String, by delimiter: String) -> Bool {
    let cost = text.utf8.count + 64 * (Self.occurrences(of: delimiter, in: text) + 1)
    guard cost <= computeBudget else { return false }
    computeBudget -= cost
    return true
  }

  /// Takes from the budget what reading an `Fn::Sub` string costs, before it is read: its
  /// bytes, and 64 for each part it can split into (two per `${`, and one), each of which
  /// is looked up or copied into a value of its own. False, taking nothing, when the budget
  /// does not cover it. (5,000 copies of an `Fn::Sub` of 3,000 references, written by an
  /// `Fn::ForEach`, had been 210 MB read and 15 million lookups per env.)
  private mutating func chargeSub(_ text: String) -> Bool {
    let bytes = text.utf8.count
    guard bytes <= computeBudget else { return false }
    let cost = bytes + 64 * (2 * Self.occurrences(of: "${", in: text) + 1)
    guard cost <= computeBudget else { return false }
    computeBudget -= cost
    return true
  }

  /// Non-overlapping occurrences of `delimiter` in `text`, as `components(separatedBy:)`
  /// splits (0 for an empty delimiter).
  static func occurrences(of delimiter: String, in text: String) -> Int {
    let needle = Array(delimiter.utf8)
    guard !needle.isEmpty else { return 0 }
    return text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
      var count = 0
      var index = 0
      while let found = ByteSearch.firstOffset(of: needle, in: bytes, from: index) {
        count += 1
        index = found + needle.count
      }
      return count
    } ?? text.components(separatedBy: delimiter).count - 1
  }

  private mutating func ifCall(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let items = call.argument.list ?? []
    guard items.count == 3, let name = items[0].text else { return unresolved(.expression(call.display), location) }
    switch condition(name) {
    case .some(true): return evaluate(items[1])
    case .some(false): return evaluate(items[2])
    case .none: return unresolved(.conditional(condition: name, then: evaluate(items[1]), otherwise: evaluate(items[2])), location)
    }
  }

  private mutating func decided(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    guard let outcome = decide(TemplateNode(.intrinsic(call), at: location)) else {
      return unresolved(.expression(call.display), location)
    }
    return EvaluatedNode(.scalar(Scalar(.boolean, outcome ? "true" : "false")), at: location)
  }

  private mutating func getAZs(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    let argument = call.argument
    let requested = argument.intrinsic == nil ? argument.text ?? "" : evaluate(argument)?.string ?? region ?? ""
    return unresolved(.availabilityZones(region: requested.isEmpty ? region : requested), location)
  }

  private mutating func base64(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    guard let text = evaluate(call.argument)?.string else { return unresolved(.expression(call.display), location) }
    // Base64 output is 4/3 of its input: refuse before encoding what would be too long.
    guard text.utf8.count <= Self.maximumComputedLength / 4 * 3 else {
      return unresolved(.expression("Fn::Base64 (longer than \(Self.maximumComputedLength) bytes, not computed)"), location)
    }
    return string(Base64.encode(Array(text.utf8)), location)
  }

  private mutating func length(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    guard let list = evaluate(call.argument)?.list else { return unresolved(.expression(call.display), location) }
    return EvaluatedNode(.scalar(Scalar(.integer, String(list.count))), at: location)
  }

  private mutating func toJsonString(_ call: Intrinsic, at location: SourceLocation) -> EvaluatedNode? {
    guard let value = evaluate(call.argument), !value.exceeds(Self.maximumComputedLength), let json = JSONText.render(value) else {
      return unresolved(.expression(call.display), location)
    }
    return string(json, location)
  }

  private mutating func reference(_ name: String, at location: SourceLocation) -> EvaluatedNode? {
    if let binding = bindings[name], let parameter = template.parameter(name) {
      switch binding.value {
      case .missing: return unresolved(.parameter(name), location)
      case .symbolic(let expression): return unresolved(.deployValue(parameter: name, expression: expression), location)
      case .text(let text):
        // An SSM parameter type's value is the name of a Systems Manager parameter; the
        // stack gets that parameter's value, read at deploy time ("Supported SSM
        // parameter types", parameters-section-structure.html).
        if parameter.isSystemsManagerValue {
          return unresolved(.expression("the value of Systems Manager parameter \(text) (!Ref \(name))"), location)
        }
        guard parameter.isList else { return string(text, location) }
        // Each Ref makes the list anew (a parameter of a million commas, referenced by 20
        // outputs, was 2.3 GB).
        guard chargeSplit(text, by: ",") else { return notComputed("Ref \(name)", location) }
        let items = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { string($0.trimmingCharacters(in: .whitespaces), location) }
        return EvaluatedNode(.list(items), at: location)
      }
    }
    if let pseudo = PseudoParameter(rawValue: name) { return self.pseudo(pseudo, at: location) }
    noteReference(to: name, at: location)
    return unresolved(.resource(name), location)
  }

  /// Records a problem when `name` is a resource this env's conditions remove: a `Ref`,
  /// `Fn::GetAtt` or `DependsOn` to it from a resource or output that exists makes
  /// CloudFormation reject the template ("Unresolved resource dependencies"), unless the
  /// reference sits in an `Fn::If` branch the same condition leaves out, which is not
  /// evaluated. "Condition" attribute: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-condition.html
  private mutating func noteReference(to name: String, at location: SourceLocation) {
    guard let condition = removedByCondition[name], reportedRemovals.insert(owner + "\u{0}" + name).inserted else { return }
    problems.append(EvaluationProblem(
      kind: .removedResourceReference,
      message: "\(owner) references \(name), which condition \(condition) removes in env \(configuration.environment); CloudFormation rejects the template in this env (unresolved resource dependency: reference it inside !If [\(condition), ...], or give \(owner) the same condition)",
      location: location, related: [template.resources.first { $0.logicalID == name }?.location].compactMap { $0 }))
  }

  private func pseudo(_ parameter: PseudoParameter, at location: SourceLocation) -> EvaluatedNode? {
    switch parameter {
    case .noValue: return nil
    case .region: return region.map { string($0, location) } ?? unresolved(.pseudo(parameter.rawValue), location)
    case .stackName:
      return configuration.stackName?.value.literal.map { string($0, location) } ?? unresolved(.pseudo(parameter.rawValue), location)
    case .partition: return region.map { string(Partition.of(region: $0).name, location) } ?? unresolved(.pseudo(parameter.rawValue), location)
    case .urlSuffix: return region.map { string(Partition.of(region: $0).urlSuffix, location) } ?? unresolved(.pseudo(parameter.rawValue), location)
    case .accountID, .stackID, .notificationARNs: return unresolved(.pseudo(parameter.rawValue), location)
    }
  }

  private mutating func substitute(_ argument: TemplateNode, at location: SourceLocation) -> EvaluatedNode {
    var text = argument.text ?? ""
    var variables: [String: EvaluatedNode] = [:]
    if let items = argument.list, items.count == 2 {
      text = items[0].text ?? ""
      for entry in items[1].map?.entries ?? [] {
        variables[entry.key] = evaluate(entry.value) ?? string("", entry.value.location)
      }
    }
    guard chargeSub(text) else { return notComputed("Fn::Sub", location) }
    var parts: [EvaluatedNode] = []
    for part in SubTemplate(text).parts {
      switch part {
      case .literal(let literal):
        parts.append(string(literal, location))
      case .variable(let name):
        if let value = variables[name] {
          parts.append(value)
        } else if let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")), !name.hasPrefix("AWS::") {
          noteReference(to: String(name[..<dot]), at: location)
          parts.append(unresolved(.attribute(String(name[..<dot]), String(name[name.index(after: dot)...])), location))
        } else {
          parts.append(reference(name, at: location) ?? string("", location))
        }
      }
    }
    if let texts = parts.allStrings {
      guard let text = joined(texts, separator: "") else { return notComputed("Fn::Sub", location) }
      return string(text, location)
    }
    // `!Sub "${LogGroup}"` is `!Ref LogGroup`, and `!Sub "${LoadBalancer.DNSName}"` is
    // `!GetAtt LoadBalancer.DNSName`: the one variable is the whole value.
    if parts.count == 1 { return parts[0] }
    return unresolved(.concatenation(parts), location)
  }

  private mutating func findInMap(_ call: Intrinsic, _ items: [TemplateNode], at location: SourceLocation) -> EvaluatedNode? {
    guard items.count >= 3, let mapName = evaluate(items[0])?.string, let top = evaluate(items[1])?.string,
      let second = evaluate(items[2])?.string
    else { return unresolved(.expression(call.display), location) }
    if let found = template.mappings[mapName]?.map?[top]?.map?[second] { return evaluate(found) }
    if items.count == 4, let fallback = items[3].map?["DefaultValue"] { return evaluate(fallback) }
    problems.append(EvaluationProblem(
      kind: .missingMappingKey,
      message: "Fn::FindInMap [\(mapName), \(top), \(second)] has no value in env \(configuration.environment); the deploy fails",
      location: location, related: []))
    return unresolved(.expression(call.display), location)
  }
}

extension [EvaluatedNode] {
  /// The items' texts when every item is a known scalar.
  var allStrings: [String]? {
    var texts: [String] = []
    texts.reserveCapacity(count)
    for item in self {
      guard let text = item.scalar.map({ $0.kind == .null ? "" : $0.text }) else { return nil }
      texts.append(text)
    }
    return texts
  }
}
