import Diagnostics

/// Checks that an intrinsic function's argument has the shape CloudFormation requires
/// (arity and argument types), before any value is known. Each message names the
/// function, what it takes and what was found. Reference: the pages of "Intrinsic
/// function reference", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
enum IntrinsicShape {
  /// `languageExtensions`: the template uses `AWS::LanguageExtensions`, which lets `Ref`
  /// take an intrinsic function and adds `Fn::Length`, `Fn::ToJsonString` and the
  /// `DefaultValue` of `Fn::FindInMap`; without the transform CloudFormation rejects
  /// them ("AWS::LanguageExtensions transform", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html;
  /// "Fn::FindInMap enhancements", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html).
  static func check(_ call: Intrinsic, languageExtensions: Bool) throws(InputError) {
    let argument = call.argument
    let name = call.function.rawValue
    func needsLanguageExtensions(_ what: String) -> InputError {
      InputError("\(what) needs the AWS::LanguageExtensions transform (Transform: AWS::LanguageExtensions); without it CloudFormation rejects the template", at: call.location)
    }
    if !languageExtensions && (call.function == .length || call.function == .toJsonString) {
      throw needsLanguageExtensions(name)
    }
    func fail(_ expected: String) -> InputError {
      InputError("\(name) takes \(expected); found \(argument.kindDescription)\(argument.list.map { " of \($0.count) items" } ?? "")", at: call.location)
    }
    /// For a wrong item of a list argument: says what the item is, not the list.
    func fail(_ expected: String, item: TemplateNode) -> InputError {
      InputError("\(name) takes \(expected); found \(item.kindDescription)", at: item.location)
    }
    func items(_ counts: ClosedRange<Int>, _ expected: String) throws(InputError) -> [TemplateNode] {
      guard let list = argument.list, counts.contains(list.count) else { throw fail(expected) }
      return list
    }
    func isStringLike(_ node: TemplateNode) -> Bool {
      if let scalar = node.scalar { return scalar.kind != .null }
      return node.intrinsic != nil
    }
    func isListLike(_ node: TemplateNode) -> Bool { node.list != nil || node.intrinsic != nil }

    switch call.function {
    case .ref where languageExtensions && argument.intrinsic != nil:
      return
    case .ref, .condition:
      guard let scalar = argument.scalar, scalar.kind == .string, !scalar.text.isEmpty else {
        throw fail("a logical name (a non-empty string)")
      }
    case .getAtt:
      if let text = argument.scalar?.text {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
          throw fail("\"LogicalId.Attribute\" or [LogicalId, Attribute]")
        }
      } else {
        let list = try items(2...2, "\"LogicalId.Attribute\" or [LogicalId, Attribute]")
        guard list[0].scalar?.kind == .string, isStringLike(list[1]) else {
          throw fail("[LogicalId, Attribute] with a string logical ID")
        }
      }
    case .sub:
      if argument.scalar?.kind == .string || argument.intrinsic?.function == .transform { return }
      let list = try items(2...2, "a string, or [String, {Variable: Value}]")
      guard list[0].scalar?.kind == .string else { throw fail("a string as the first item of its list form", item: list[0]) }
      guard list[1].map != nil || list[1].intrinsic != nil else { throw fail("a mapping of variables as the second item", item: list[1]) }
    case .join:
      let list = try items(2...2, "[Delimiter, [Values]]")
      guard list[0].scalar?.kind != .null, list[0].scalar != nil else { throw fail("a string delimiter as its first item", item: list[0]) }
      guard isListLike(list[1]) else { throw fail("a list of values as its second item", item: list[1]) }
    case .select:
      let list = try items(2...2, "[Index, [Values]]")
      guard list[0].scalar?.integer != nil || list[0].intrinsic != nil else { throw fail("an integer index (-2^31 to 2^31-1) as its first item", item: list[0]) }
      guard isListLike(list[1]) else { throw fail("a list of values as its second item", item: list[1]) }
    case .split:
      let list = try items(2...2, "[Delimiter, String]")
      guard list[0].scalar?.kind == .string else { throw fail("a string delimiter as its first item", item: list[0]) }
      guard isStringLike(list[1]) else { throw fail("a string to split as its second item", item: list[1]) }
    case .if:
      let list = try items(3...3, "[ConditionName, ValueIfTrue, ValueIfFalse]")
      guard list[0].scalar?.kind == .string else { throw fail("a condition name as its first item", item: list[0]) }
    case .equals:
      _ = try items(2...2, "[Value1, Value2]")
    case .and, .or:
      _ = try items(2...10, "a list of 2 to 10 conditions")
    case .not:
      _ = try items(1...1, "a list of one condition")
    case .findInMap:
      let list = try items(3...4, "[MapName, TopLevelKey, SecondLevelKey] (and optionally {DefaultValue: ...})")
      for item in list.prefix(3) where !isStringLike(item) { throw fail("strings or intrinsic functions as map name and keys") }
      if list.count == 4 {
        guard let options = list[3].map, options["DefaultValue"] != nil, options.count == 1 else {
          throw fail("{DefaultValue: ...} as its optional fourth item")
        }
        guard languageExtensions else { throw needsLanguageExtensions("Fn::FindInMap with a DefaultValue") }
      }
    case .getAZs:
      guard argument.scalar?.kind == .string || argument.scalar?.kind == .null || argument.intrinsic?.function == .ref else {
        throw fail("a region name, an empty string, or !Ref AWS::Region")
      }
    case .importValue:
      guard isStringLike(argument), argument.scalar?.kind != .boolean else { throw fail("an export name (a string or an intrinsic function)") }
    case .base64:
      guard isStringLike(argument) else { throw fail("a string") }
    case .cidr:
      _ = try items(3...3, "[IpBlock, Count, CidrBits]")
    case .length:
      guard isListLike(argument) else { throw fail("a list") }
    case .toJsonString:
      guard argument.map != nil || argument.list != nil || argument.intrinsic != nil else { throw fail("a mapping or a list") }
    case .transform:
      let macros = argument.list ?? [argument]
      guard !macros.isEmpty, macros.allSatisfy({ $0.map?["Name"] != nil }) else { throw fail("{Name: MacroName, Parameters: {...}}") }
    case .getStackOutput, .contains, .eachMemberEquals, .eachMemberIn, .refAll, .valueOf, .valueOfAll:
      return
    }
  }
}
