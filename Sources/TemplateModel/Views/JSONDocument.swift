import Diagnostics
import Foundation

/// Reads JSON text (a policy document or lifecycle policy written as a string) into an
/// `EvaluatedNode` tree, every node located at the string's own location. Keys in sorted
/// order; `true` and `false` are boolean scalars; a number is an integer scalar when its
/// value is whole, else a float.
public enum JSONDocument {
  /// The tree, or nil when `text` is no JSON as Foundation's `JSONSerialization` reads it
  /// (a lone value such as `"a"` or `1` allowed; Foundation on Linux also takes a comma
  /// before a closing bracket), or is longer than `maximumBytes`.
  public static func parse(_ text: String, at location: SourceLocation) -> EvaluatedNode? {
    guard text.utf8.count <= maximumBytes, let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return convert(object, location)
  }

  /// The longest text read, in UTF-8 bytes: four bytes for each character of the longest
  /// policy a service takes (an ECR lifecycle policy, 30,720 characters;
  /// `JSONTextProperty`), so that a 16 MiB string is not made a tree of millions of nodes
  /// for each rule that reads it.
  public static let maximumBytes = 4 * 30_720

  /// The node of one value of `JSONSerialization`'s tree. The value's type is compared
  /// first with the Swift types this Foundation gives (String, Bool, `[String: Any]`,
  /// `[Any]`; numbers are `NSNumber`s, `true` and `false` its two boolean instances,
  /// whose type is a subclass): a failed `as` cast from `Any` tries bridging
  /// through Objective-C-compatible types, and trying each type in turn cost 2 M
  /// instructions for a lifecycle policy of twenty values. Other types (`NSDictionary`
  /// and the like, which Foundation on Darwin gives) take the casts.
  private static func convert(_ object: Any, _ location: SourceLocation) -> EvaluatedNode {
    switch ObjectIdentifier(type(of: object)) {
    case ObjectIdentifier(String.self):
      return EvaluatedNode(.scalar(.string(object as! String)), at: location)
    case ObjectIdentifier(Bool.self):
      return boolean(object as! Bool, location)
    case ObjectIdentifier([String: Any].self):
      return map(object as! [String: Any], location)
    case ObjectIdentifier([Any].self):
      return list(object as! [Any], location)
    default:
      if let number = object as? NSNumber { return self.number(number, location) }
    }
    switch object {
    case let map as [String: Any]:
      return self.map(map, location)
    case let list as [Any]:
      return self.list(list, location)
    case let flag as Bool where type(of: object) == Bool.self:
      return boolean(flag, location)
    case let number as NSNumber:
      return self.number(number, location)
    case let text as String:
      return EvaluatedNode(.scalar(.string(text)), at: location)
    default:
      return EvaluatedNode(.scalar(Scalar(.null, "")), at: location)
    }
  }

  private static func map(_ map: [String: Any], _ location: SourceLocation) -> EvaluatedNode {
    let entries = map.keys.sorted().map { EvaluatedMap.Entry(key: $0, keyLocation: location, value: convert(map[$0]!, location)) }
    return EvaluatedNode(.map(EvaluatedMap(entries)), at: location)
  }

  private static func list(_ list: [Any], _ location: SourceLocation) -> EvaluatedNode {
    EvaluatedNode(.list(list.map { convert($0, location) }), at: location)
  }

  private static func boolean(_ flag: Bool, _ location: SourceLocation) -> EvaluatedNode {
    EvaluatedNode(.scalar(Scalar(.boolean, flag ? "true" : "false")), at: location)
  }

  /// `NSNumber(value: true)` and `(value: false)`: the instances Foundation gives for JSON's
  /// `true` and `false` (`kCFBooleanTrue`, `kCFBooleanFalse`), each one object.
  private static let (trueNumber, falseNumber) = (NSNumber(value: true), NSNumber(value: false))

  private static func number(_ number: NSNumber, _ location: SourceLocation) -> EvaluatedNode {
    if number === trueNumber || number === falseNumber { return boolean(number === trueNumber, location) }
    return EvaluatedNode(.scalar(Scalar(number.doubleValue == number.doubleValue.rounded() ? .integer : .float, number.stringValue)), at: location)
  }
}
