import Diagnostics

/// A `parameter_overrides` value (samconfig) or `--parameter-overrides` argument (SAM CLI)
/// split into `Key=Value` pairs.
///
/// SAM CLI accepts `Key=Value` pairs separated by spaces, values optionally in double or
/// single quotes (`Name="a b"`), and CloudFormation's `ParameterKey=K,ParameterValue=V`
/// form; a list form gives one pair per item. Reference: "sam deploy" options,
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
public enum ParameterOverrides {
  public struct Pair: Hashable, Sendable {
    public var key: String
    public var value: String
  }

  /// The most pairs one override string (or list) may hold: a template declares at most
  /// 200 parameters ("CloudFormation quotas",
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html),
  /// and CloudFormation refuses an override of a parameter the template does not declare.
  /// Bounds the work on a hostile file (a 15 MB string of 1,000,000 pairs took 610 MB).
  public static let maximumPairs = 1_000

  /// Parses one override string; throws a message (no location: the caller knows it) for
  /// a word that is not `Key=Value`, and past `maximumPairs` pairs.
  public static func parse(_ text: String) throws(ParseFailure) -> [Pair] {
    var pairs: [Pair] = []
    var index = text.startIndex
    func skipSpaces() {
      while index < text.endIndex, text[index] == " " || text[index] == "\t" || text[index] == "\n" { index = text.index(after: index) }
    }
    skipSpaces()
    while index < text.endIndex {
      guard pairs.count < maximumPairs else { throw tooMany }
      let wordStart = index
      var key = ""
      while index < text.endIndex, text[index] != "=", text[index] != " " { key.append(text[index]); index = text.index(after: index) }
      guard index < text.endIndex, text[index] == "=", !key.isEmpty else {
        throw ParseFailure(message: "\"\(text[wordStart..<index])\" is not Key=Value")
      }
      index = text.index(after: index)
      var value = ""
      while index < text.endIndex, text[index] != " ", text[index] != "\t", text[index] != "\n" {
        let character = text[index]
        if character == "\"" || character == "'" {
          index = text.index(after: index)
          while index < text.endIndex, text[index] != character {
            if text[index] == "\\", character == "\"", text.index(after: index) < text.endIndex {
              index = text.index(after: index)
            }
            value.append(text[index])
            index = text.index(after: index)
          }
          guard index < text.endIndex else { throw ParseFailure(message: "unterminated quote in the value of \(key)") }
          index = text.index(after: index)
        } else {
          value.append(character)
          index = text.index(after: index)
        }
      }
      if key == "ParameterKey", let comma = value.rangeOfText(",ParameterValue=") {
        pairs.append(Pair(key: String(value[..<comma.lowerBound]), value: String(value[comma.upperBound...])))
      } else {
        pairs.append(Pair(key: key, value: value))
      }
      skipSpaces()
    }
    return pairs
  }

  /// Pairs of a samconfig value: one string, or a list with one `Key=Value` per item.
  public static func parse(_ value: SamConfigValue) throws(InputError) -> [Located<Pair>] {
    let texts: [String]
    if case .list(let items) = value.value { texts = items } else { texts = [value.text] }
    var result: [Located<Pair>] = []
    for text in texts {
      do throws(ParseFailure) {
        result += try parse(text).map { Located($0, at: value.location) }
        guard result.count <= maximumPairs else { throw tooMany }
      } catch {
        throw InputError("parameter_overrides: \(error.message)", at: value.location)
      }
    }
    return result
  }

  public struct ParseFailure: Error, Sendable { public var message: String }

  static let tooMany = ParseFailure(message: "more than \(maximumPairs) parameter overrides; a template declares at most 200 parameters")
}
