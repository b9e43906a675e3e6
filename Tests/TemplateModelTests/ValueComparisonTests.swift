import Diagnostics
import Testing
@testable import TemplateModel

/// `EvaluatedNode.compare(with:)`: same, different or undecided, for the values of one
/// resource's properties (`Values.Properties.<key>` in `yaml`), evaluated for env dev with
/// `Environment` known and `Missing` a parameter without a value.
@Suite struct ValueComparisonTests {
  static let yaml = """
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Environment: {Type: String, Default: dev}
      Missing: {Type: String}
      Zones: {Type: CommaDelimitedList}
    Conditions:
      Unknown: !Equals [!Ref Missing, x]
    Resources:
      Cluster: {Type: AWS::ECS::Cluster}
      Service: {Type: AWS::ECS::Service}
      Values:
        Type: AWS::CloudFormation::WaitConditionHandle
        Properties:
          Port: 8501
          PortText: "8501"
          Other: 8080
          Null: null
          Sub: !Sub service/${Cluster}/${Service.Name}
          Join: !Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]
          SubVariables: !Sub ["service/${C}/${S}", {C: !Ref Cluster, S: !GetAtt Service.Name}]
          KnownCluster: !Sub service/cluster-${Environment}/${Service.Name}
          OtherPrefix: !Sub table/${Cluster}/${Service.Name}
          OtherSuffix: !Sub service/${Cluster}/api
          Known: service/main/web
          KnownA: service/a/web
          KnownOther: service/main/api
          KnownTable: table/main/web
          KnownSplit: service/m/a/i/n/web
          Parameter: !Sub service/${Missing}/web
          Escaped: !Sub service/${!Cluster}/${Service.Name}
          Either: !If [Unknown, service/a/web, service/b/web]
          EitherAgain: !If [Unknown, service/a/web, service/b/web]
          EitherNone: !If [Unknown, service/a/web, !Ref AWS::NoValue]
          List: [a, b]
          ListAgain: [a, b]
          ListLonger: [a, b, c]
          ListSymbolic: [a, !Ref Cluster]
          ListParameter: !Ref Zones
          Map: {A: 1, B: !Ref Cluster}
          MapReordered: {B: !Ref Cluster, A: "1"}
          MapOtherKey: {A: 1, C: !Ref Cluster}
    """

  static func compare(_ one: String, _ other: String) throws -> ValueComparison {
    let values = try #require(try evaluate(yaml).resource("Values"))
    let (a, b) = (try #require(values[one], "\(one)"), try #require(values[other], "\(other)"))
    let outcome = a.compare(with: b)
    // The comparison does not depend on which side is which.
    #expect(b.compare(with: a) == outcome, "\(one) \(other)")
    return outcome
  }

  @Test(arguments: [
    ("Port", "Port"), ("Port", "PortText"), ("Null", "Null"),
    // Symbolic values made of the same parts, however written.
    ("Sub", "Sub"), ("Sub", "Join"), ("Sub", "SubVariables"),
    ("Either", "EitherAgain"), ("List", "ListAgain"), ("Map", "MapReordered"),
  ])
  func same(_ one: String, _ other: String) throws {
    #expect(try Self.compare(one, other) == .same)
  }

  @Test(arguments: [
    ("Port", "Other"), ("Known", "KnownOther"), ("Null", "Known"),
    // Known text that no filling of the symbolic parts lines up with.
    ("Sub", "OtherPrefix"), ("Sub", "KnownTable"), ("KnownCluster", "Known"),
    ("Parameter", "OtherSuffix"), ("Parameter", "KnownOther"),
    // Every branch differs; a branch of AWS::NoValue is no value.
    ("Either", "Known"), ("EitherNone", "KnownOther"),
    ("List", "ListLonger"), ("List", "Known"), ("List", "Sub"), ("Map", "MapOtherKey"), ("List", "Map"),
  ])
  func different(_ one: String, _ other: String) throws {
    #expect(try Self.compare(one, other) == .different)
  }

  @Test(arguments: [
    // The cluster's name is only known at deploy time.
    ("Sub", "KnownCluster"), ("Sub", "Known"), ("Sub", "KnownSplit"), ("Parameter", "Known"),
    // `${!Cluster}` is the literal text ${Cluster}, which the hole may also be.
    ("Sub", "Escaped"),
    // One branch is the same, the other different.
    ("EitherNone", "KnownA"), ("Either", "Parameter"),
    ("List", "ListSymbolic"), ("ListParameter", "List"), ("Null", "Sub"),
  ])
  func undecided(_ one: String, _ other: String) throws {
    #expect(try Self.compare(one, other) == .undecided)
  }

  /// Past `ValueComparison.maximumLength` nothing is compared, not even equal texts.
  @Test func valuesTooLongToCompareAreUndecided() {
    let at = SourceLocation(file: "t.yaml", line: 1, column: 1)
    let long = EvaluatedNode(.scalar(.string(String(repeating: "a", count: ValueComparison.maximumLength + 1))), at: at)
    let short = EvaluatedNode(.scalar(.string("b")), at: at)
    #expect(long.compare(with: long) == .undecided)
    #expect(long.compare(with: short) == .undecided && short.compare(with: long) == .undecided)
    let fits = EvaluatedNode(.scalar(.string(String(repeating: "a", count: ValueComparison.maximumLength))), at: at)
    #expect(fits.compare(with: fits) == .same && fits.compare(with: short) == .different)
  }

  @Test func patternMatchingTakesEachTextAtItsFirstPlace() {
    let at = SourceLocation(file: "t.yaml", line: 1, column: 1)
    let pattern = TextPattern(EvaluatedNode(.unresolved(.concatenation([
      EvaluatedNode(.scalar(.string("a")), at: at), EvaluatedNode(.unresolved(.resource("X")), at: at),
      EvaluatedNode(.scalar(.string("ab")), at: at), EvaluatedNode(.unresolved(.resource("Y")), at: at),
      EvaluatedNode(.scalar(.string("b")), at: at),
    ])), at: at))
    #expect(pattern?.matches(Array("aabab".utf8)) == true)
    #expect(pattern?.matches(Array("aabb".utf8)) == true)
    #expect(pattern?.matches(Array("abb".utf8)) == false)
    #expect(pattern?.matches(Array("aab".utf8)) == false)
    #expect(TextPattern.firstOffset(of: Array("aab".utf8), in: Array("aaaab".utf8)[1...]) == 2)
    #expect(TextPattern.firstOffset(of: Array("abab".utf8), in: Array("abaabab".utf8)[...]) == 3)
    #expect(TextPattern.firstOffset(of: Array("abc".utf8), in: Array("ababab".utf8)[...]) == nil)
  }
}
