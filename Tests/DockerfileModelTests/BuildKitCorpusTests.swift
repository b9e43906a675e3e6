import Diagnostics
import Foundation
import Testing
@testable import DockerfileModel

/// BuildKit's own parser fixtures (`shared/corpus/buildkit-parser`): every positive case
/// must dump exactly to its `result`, every negative case must be rejected with a location.
@Suite("BuildKit parser corpus")
struct BuildKitCorpusTests {
  static let positive = TestSupport.caseNames(in: "testfiles")
  static let negative = TestSupport.caseNames(in: "testfiles-negative")

  @Test("The corpus is present: 33 positive and 4 negative cases")
  func corpusIsPresent() {
    #expect(Self.positive.count == 33)
    #expect(Self.negative.count == 4)
  }

  @Test("Positive case dumps exactly to its result", arguments: positive)
  func positiveCase(_ name: String) throws {
    let folder = TestSupport.corpus.appendingPathComponent("testfiles/\(name)")
    let source = try SourceText.read(path: folder.appendingPathComponent("Dockerfile").path, displayName: "\(name)/Dockerfile")
    let expected = try SourceText.read(path: folder.appendingPathComponent("result").path).text
    let dump = try DockerfileSyntax.parse(source).buildKitDump()
    #expect(dump == expected)
  }

  @Test("Negative case is rejected with a location", arguments: negative)
  func negativeCase(_ name: String) throws {
    let path = TestSupport.corpus.appendingPathComponent("testfiles-negative/\(name)/Dockerfile").path
    let bytes = FileBytes.read(path) ?? []
    let error = TestSupport.inputError { () throws(InputError) in
      _ = try DockerfileSyntax.parse(try SourceText(file: "\(name)/Dockerfile", bytes: bytes))
    }
    #expect(error != nil)
    #expect(error?.location?.file == "\(name)/Dockerfile")
    #expect((error?.location?.line ?? 0) >= 1)
    #expect((error?.location?.column ?? 0) >= 1)
  }

  @Test("Line numbers: root 5–31, FROM 5–5, ENV 11–12, RUN 17–31")
  func lineNumbers() throws {
    let path = TestSupport.corpus.appendingPathComponent("testfile-line/Dockerfile").path
    let syntax = try DockerfileSyntax.parse(try SourceText.read(path: path))
    #expect(syntax.lines == 5...31)
    #expect(syntax.nodes.map { $0.location.line...$0.endLine } == [5...5, 11...12, 17...31])
    #expect(syntax.nodes.map(\.lowercasedKeyword) == ["from", "env", "run"])
  }

  @Test("The negative cases fail for the reasons BuildKit gives")
  func negativeMessages() {
    func message(_ text: String) -> String? {
      TestSupport.inputError { () throws(InputError) in _ = try TestSupport.syntax(text) }?.message
    }
    #expect(message("")?.hasPrefix("file with no instructions") == true)
    #expect(message("# Hello\n# These are just comments\n\n")?.hasPrefix("file with no instructions") == true)
    #expect(message("FROM busybox\n\nENV PATH\n")?.hasPrefix("ENV must have two arguments") == true)
    #expect(message("CMD [ \"echo\", [ \"nested json\" ] ]\n")?.contains("arrays must be comprised of strings only") == true)
  }
}
