import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct ParameterExpansionTests {
  private func expansion(_ source: String) throws -> ParameterExpansion {
    let word = try argumentWord(source)
    guard case .parameter(let expansion) = word.parts.first?.kind else {
      throw InputError("not a parameter expansion: \(source)", at: nil)
    }
    #expect(expansion.text == source)
    return expansion
  }

  /// How each operator is read: the parameter, and a description of the operation.
  @Test(arguments: [
    ("${VAR}", "VAR", "value"),
    ("${1:-dev}", "1", "default(dev,null)"),
    ("${ENV-dev}", "ENV", "default(dev)"),
    ("${X:=a b}", "X", "assign(a b,null)"),
    ("${X=1}", "X", "assign(1)"),
    ("${REGION:?set REGION}", "REGION", "error(set REGION,null)"),
    ("${X?}", "X", "error()"),
    ("${X:+--flag}", "X", "alternative(--flag,null)"),
    ("${X+y}", "X", "alternative(y)"),
    ("${#VAR}", "VAR", "length"),
    ("${#}", "#", "value"),
    ("${#@}", "@", "length"),
    ("${VAR#*/}", "VAR", "prefix(*/)"),
    ("${VAR##*/}", "VAR", "prefix-longest(*/)"),
    ("${VAR%.*}", "VAR", "suffix(.*)"),
    ("${VAR%%.*}", "VAR", "suffix-longest(.*)"),
    ("${VAR/a/b}", "VAR", "replace(a,b)"),
    ("${VAR//a}", "VAR", "replace-all(a)"),
    ("${VAR^^}", "VAR", "upper-all"),
    ("${VAR,}", "VAR", "lower"),
    ("${VAR,,}", "VAR", "lower-all"),
    ("${VAR^}", "VAR", "upper"),
    ("${1~}", "1", "toggle"),
    ("${VAR~~}", "VAR", "toggle-all"),
    ("${VAR^^[ab]}", "VAR", "upper-all"),
    ("${VAR~~[ab]}", "VAR", "toggle-all"),
    ("${VAR:1:2}", "VAR", "substring(1,2)"),
    ("${VAR: -3}", "VAR", "substring( -3)"),
    ("${VAR@Q}", "VAR", "transform(Q)"),
    ("${!PREFIX*}", "PREFIX", "names"),
    ("${10}", "10", "value"),
    // `!` with an operator is the special parameter, not indirection (adversarial finding:
    // `${!:-none}` had been an input error).
    ("${!:-none}", "!", "default(none,null)"),
    ("${!-x}", "!", "default(x)"),
    ("${!%%x}", "!", "suffix-longest(x)"),
    ("${!}", "!", "value"),
    ("${X:-\"$(a \"}\")\"}", "X", "default(\"$(a \"}\")\",null)"),
  ])
  func operators(source: String, parameter: String, operation: String) throws {
    let expansion = try expansion(source)
    #expect(expansion.parameter == parameter)
    #expect(describe(expansion.operation) == operation)
  }

  private func describe(_ operation: ParameterExpansion.Operation) -> String {
    func null(_ checks: Bool) -> String { checks ? ",null" : "" }
    switch operation {
    case .value: return "value"
    case .length: return "length"
    case .matchingNames: return "names"
    case .useDefault(let w, let c): return "default(\(w.text)\(null(c)))"
    case .assignDefault(let w, let c): return "assign(\(w.text)\(null(c)))"
    case .errorIfUnset(let w, let c): return "error(\(w.text)\(null(c)))"
    case .useAlternative(let w, let c): return "alternative(\(w.text)\(null(c)))"
    case .substring(let o, let l): return "substring(\(o)\(l.map { ",\($0)" } ?? ""))"
    case .removePrefix(let w, let l): return "prefix\(l ? "-longest" : "")(\(w.text))"
    case .removeSuffix(let w, let l): return "suffix\(l ? "-longest" : "")(\(w.text))"
    case .replace(let p, let r, let m): return "replace\(m == .all ? "-all" : "")(\(p.text)\(r.map { ",\($0.text)" } ?? ""))"
    case .upperCase(_, let all): return "upper" + (all ? "-all" : "")
    case .lowerCase(_, let all): return "lower" + (all ? "-all" : "")
    case .toggleCase(_, let all): return "toggle" + (all ? "-all" : "")
    case .transform(let t): return "transform(\(t))"
    }
  }

  @Test func indirection() throws {
    let expansion = try expansion("${!NAME}")
    #expect(expansion.isIndirect && expansion.parameter == "NAME")
  }

  @Test func arrayIndex() throws {
    let expansion = try expansion("${ARR[@]}")
    #expect(expansion.parameter == "ARR" && expansion.arrayIndex == "@")
  }

  /// Values with every relevant variable bound.
  @Test(arguments: [
    ("${UNSET:-dev}", "dev"),
    ("${EMPTY:-dev}", "dev"),
    ("${EMPTY-dev}", ""),
    ("${SET:-dev}", "prod"),
    ("${SET:+yes}", "yes"),
    ("${EMPTY:+yes}", ""),
    ("${UNSET+yes}", ""),
    ("${#SET}", "4"),
    ("${PATHLIKE##*/}", "c.tar.gz"),
    ("${PATHLIKE#*/}", "b/c.tar.gz"),
    ("${PATHLIKE%.*}", "a/b/c.tar"),
    ("${PATHLIKE%%.*}", "a/b/c"),
    ("${PATHLIKE/\\//-}", "a-b/c.tar.gz"),
    ("${PATHLIKE//\\//-}", "a-b-c.tar.gz"),
    ("${SET^^}", "PROD"),
    ("${SET^}", "Prod"),
    // `~` swaps case (bash 5.2: x=aBc; ${x~} → ABc, ${x~~} → AbC).
    ("${MIXED~}", "ABc"),
    ("${MIXED~~}", "AbC"),
    ("${MIXED,,}", "abc"),
    ("${SET:1:2}", "ro"),
    ("${SET: -2}", "od"),
    ("orbit-dash-${SET}", "orbit-dash-prod"),
    ("\"${SET}\"-'$SET'", "prod-$SET"),
  ])
  func resolvedValues(source: String, expected: String) throws {
    let script = try parse("SET=prod\nMIXED=aBc\nEMPTY=\nPATHLIKE=a/b/c.tar.gz\necho \(source)")
    let evaluation = script.evaluate(Environment(unlistedVariablesAreUnset: true))
    let echo = try #require(evaluation.commands(named: "echo").first)
    #expect(echo.resolvedArguments.first?.literal == expected)
  }

  @Test func assignDefaultAssigns() throws {
    let script = try parse(": \"${REGION:=us-east-1}\"\necho \"$REGION\"")
    let evaluation = script.evaluate(Environment(unlistedVariablesAreUnset: true))
    #expect(evaluation.commands(named: "echo").first?.resolvedArguments.first?.literal == "us-east-1")
    #expect(evaluation.variable("REGION")?.literal == "us-east-1")
  }

  @Test func unknownValuesStaySymbolic() throws {
    let script = try parse("echo ${REGION:-us-east-1} ${#REGION} \"x-$REGION\"")
    let echo = try #require(script.commands(named: "echo").first)
    let values = echo.resolvedArguments
    #expect(values[0].isSymbolic && values[0].description == "${REGION:-us-east-1}")
    #expect(values[1].isSymbolic && values[1].description == "${#REGION}")
    #expect(values[2].isPartlyKnown && values[2].knownPrefix == "x-")
    #expect(values[2].symbols.first?.kind == .parameter("REGION"))
  }

  @Test func errorIfUnsetEndsTheScript() throws {
    let script = try parse("ENV=${1:?usage: deploy.sh ENV}\nsam deploy --config-env \"$ENV\"")
    let missing = script.evaluate(Environment(arguments: []))
    #expect(missing.commands.isEmpty)
    #expect(missing.exitLocation == SourceLocation(file: "deploy.sh", line: 1, column: 5))
    let given = script.evaluate(Environment(arguments: ["dev"]))
    #expect(given.commands(named: "sam").first?.value(ofFlag: "--config-env")?.literal == "dev")
  }
}
