import Diagnostics
import Yams

/// Turns Yams/libyaml errors into one located `InputError`.
enum YAMLErrorTranslation {
  static func inputError(_ error: YamlError, file: String) -> InputError {
    switch error {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
      let .composer(context, problem, mark, _):
      var message = problem
      if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      return InputError("invalid YAML: \(message)", at: location(mark, file))
    case let .reader(problem, offset, value, yaml):
      let position = offset.map { lineAndColumn(at: $0, in: yaml) } ?? (1, 1)
      return InputError("invalid YAML input: \(problem) (byte 0x\(String(value, radix: 16)))", at: .init(file: file, line: position.0, column: position.1))
    case let .duplicatedKeysInMapping(duplicates, context):
      let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
      return InputError("duplicate mapping key \(names); CloudFormation would silently keep only one", at: location(context.mark, file))
    case .memory:
      return InputError("the YAML reader ran out of memory", at: .start(of: file))
    default:
      return InputError("invalid YAML: \(error)", at: .start(of: file))
    }
  }

  static func location(_ mark: Mark, _ file: String) -> SourceLocation {
    SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
  }

  private static func lineAndColumn(at offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if index >= offset { break }
      if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return (line, column)
  }
}
