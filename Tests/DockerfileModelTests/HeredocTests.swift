import Diagnostics
import Testing
@testable import DockerfileModel

/// Heredocs on RUN, COPY and ADD (https://docs.docker.com/reference/dockerfile/#here-documents).
@Suite("Heredocs")
struct HeredocTests {
  @Test("A RUN heredoc's body is read and the instruction spans it")
  func runHeredoc() throws {
    let syntax = try TestSupport.syntax("FROM a\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER app\n")
    let run = syntax.nodes[1]
    #expect(run.heredocs.map(\.name) == ["EOF"])
    #expect(run.heredocs[0].content == "apt-get update\napt-get install -y curl\n")
    #expect(run.heredocs[0].expands)
    #expect(run.heredocs[0].firstBodyLine == 3)
    #expect(run.heredocs[0].terminatorLine == 5)
    #expect(run.endLine == 5)
    #expect(syntax.nodes[2].location.line == 6)
    #expect(syntax.buildKitDump() == "(from \"a\")\n(run \"<<EOF\")\n(user \"app\")\n")
  }

  /// The body is collected as scalars and made a String once: appending line by line to
  /// a String.UnicodeScalarView copied the whole body per line (1,000,000 lines: minutes).
  @Test("A heredoc of 100,000 lines, non-ASCII included, is read whole and in order")
  func longHeredoc() throws {
    let lines = (0..<100_000).map { "echo \($0) é" }
    let syntax = try TestSupport.syntax("FROM a\nRUN <<EOF\n" + lines.joined(separator: "\n") + "\nEOF\nUSER app\n")
    let heredoc = try #require(syntax.nodes[1].heredocs.first)
    #expect(heredoc.content == lines.joined(separator: "\n") + "\n")
    #expect(heredoc.terminatorLine == 100_003)
    #expect(syntax.nodes[2].location.line == 100_004)
  }

  @Test("<<- strips leading tabs from the terminator and the effective body")
  func chomp() throws {
    let syntax = try TestSupport.syntax("FROM a\nRUN <<-EOT\n\techo hi\n\tEOT\n")
    let heredoc = syntax.nodes[1].heredocs[0]
    #expect(heredoc.chomps)
    #expect(heredoc.content == "\techo hi\n")
    #expect(heredoc.effectiveContent == "echo hi\n")
  }

  @Test("Quoted delimiters turn expansion off")
  func quotedDelimiters() throws {
    let syntax = try TestSupport.syntax("FROM a\nRUN <<'A' cat\n$X\nA\nRUN <<\"B\"\nB\nRUN 3<<C\nC\n")
    #expect(syntax.nodes[1].heredocs[0].name == "A")
    #expect(!syntax.nodes[1].heredocs[0].expands)
    #expect(!syntax.nodes[2].heredocs[0].expands)
    #expect(syntax.nodes[3].heredocs[0].fileDescriptor == 3)
  }

  @Test("Several heredocs on one COPY line are read in order")
  func severalHeredocs() throws {
    let dockerfile = try TestSupport.parse("FROM a\nCOPY <<X <<Y /dest/\nY\nX\nX\nY\n")
    guard case .copy(let copy) = dockerfile.finalStage.instructions[0].instruction else {
      Issue.record("expected COPY")
      return
    }
    #expect(copy.sources.isEmpty)
    #expect(copy.heredocSources.map(\.name) == ["X", "Y"])
    #expect(copy.heredocSources.map(\.content) == ["Y\n", "X\n"])
    #expect(copy.destination == "/dest/")
  }

  @Test("Heredocs are not read for exec form, quoted markers, or other instructions")
  func notHeredocs() throws {
    let syntax = try TestSupport.syntax("FROM a\nRUN [\"<<EOF\"]\nRUN echo \"<<EOF\"\nUSER <<X\nX\n")
    #expect(syntax.nodes.allSatisfy { $0.heredocs.isEmpty })
    #expect(syntax.nodes.count == 5)
  }

  @Test("ONBUILD RUN heredocs are read")
  func onbuildHeredoc() throws {
    let syntax = try TestSupport.syntax("FROM a\nONBUILD RUN <<EOF\necho\nEOF\n")
    #expect(syntax.nodes[1].heredocs.map(\.name) == ["EOF"])
  }

  @Test("An unterminated heredoc is an error at its marker")
  func unterminated() {
    let found = TestSupport.inputError { () throws(InputError) in
      _ = try TestSupport.syntax("FROM a\nRUN cat <<EOF\nline\n")
    }
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 2, column: 9))
    #expect(found?.message.hasPrefix("unterminated heredoc") == true)
  }

  @Test("A heredoc as COPY destination is rejected")
  func heredocDestination() {
    let found = TestSupport.inputError { () throws(InputError) in
      _ = try TestSupport.parse("FROM a\nCOPY a <<EOF\nx\nEOF\n")
    }
    #expect(found?.message == "COPY cannot accept a heredoc as a destination")
  }
}
