import Foundation
import ProjectModel
import Testing
@testable import Rules

/// The architecture graph of this repository's template: reference edges, the traffic
/// path with its security group rules, and output that Graphviz and a Mermaid line
/// grammar accept.
@Suite struct ArchitectureGraphTests {
  static func graph(_ environment: String = "prod", copy: Copy? = nil) throws -> ArchitectureGraph {
    let project = try copy?.load() ?? OwnRepository.project.get()
    return ArchitectureGraph(try #require(project.environment(environment)))
  }

  static func edge(_ graph: ArchitectureGraph, _ from: String, _ to: String) -> ArchitectureGraph.Edge? {
    let source = from == "internet" ? from : ArchitectureGraph.nodeID(from)
    // The traffic edge where there is one, else the reference.
    let joining = graph.edges.filter { $0.from == source && $0.to == ArchitectureGraph.nodeID(to) }
    return joining.first { $0.kind != .reference } ?? joining.first
  }

  @Test func trafficPathWithSecurityGroupRules() throws {
    let graph = try Self.graph()
    let https = try #require(Self.edge(graph, "internet", "HttpsListener"))
    #expect(https.kind == .traffic)
    #expect(https.label == "HTTPS 443: AlbSecurityGroup ingress tcp 443 from 0.0.0.0/0")
    let http = try #require(Self.edge(graph, "internet", "HttpListener"))
    #expect(http.label.contains("AlbSecurityGroup ingress tcp 80 from 0.0.0.0/0"))
    #expect(Self.edge(graph, "HttpListener", "HttpsListener")?.label == "redirect HTTP_301 to HTTPS 443")
    #expect(Self.edge(graph, "HttpsListener", "TargetGroup")?.kind == .traffic)
    let tasks = try #require(Self.edge(graph, "TargetGroup", "Service"))
    #expect(tasks.kind == .traffic)
    #expect(tasks.label.contains("AlbSecurityGroup egress tcp 8501 to 10.0.0.0/16"))
    #expect(tasks.label.contains("TaskSecurityGroup ingress tcp 8501 from AlbSecurityGroup"))
    #expect(graph.nodes.contains(ArchitectureGraph.internet))
  }

  @Test func referenceEdges() throws {
    let graph = try Self.graph()
    let references = Set(graph.edges.filter { $0.kind == .reference }.map { "\($0.from) \($0.label) \($0.to)" })
    #expect(references.isSuperset(of: [
      "r_Service Ref r_TaskDefinition", "r_Service Ref r_TaskSecurityGroup", "r_Service DependsOn r_HttpsListener",
      "r_TaskDefinition GetAtt Arn r_TaskExecutionRole", "r_TaskDefinition Sub RepositoryUri r_EcrRepository",
      "r_TaskSecurityGroup Ref r_AlbSecurityGroup", "r_HttpsListener Ref r_LoadBalancer",
    ]))
    // Every edge joins drawn nodes.
    let ids = Set(graph.nodes.map(\.id))
    #expect(graph.edges.allSatisfy { ids.contains($0.from) && ids.contains($0.to) })
  }

  @Test func aClosedHopIsBlocked() throws {
    let copy = try Copy()
    defer { copy.remove() }
    try copy.edit("infra/template.yaml", "          FromPort: 8501\n          ToPort: 8501\n          SourceSecurityGroupId", "          FromPort: 8000\n          ToPort: 8000\n          SourceSecurityGroupId")
    let graph = try Self.graph(copy: copy)
    let tasks = try #require(Self.edge(graph, "TargetGroup", "Service"))
    #expect(tasks.kind == .blocked)
    #expect(tasks.label.contains("no ingress rule of TaskSecurityGroup admits 8501"))
  }

  @Test func dotNamesTheTrafficPath() throws {
    let text = try Self.graph("dev").dot()
    #expect(text.hasPrefix("digraph \"vibe-rules\" {\n"))
    #expect(text.contains("\"internet\" -> \"r_HttpsListener\" [label=\"HTTPS 443: AlbSecurityGroup ingress tcp 443 from 0.0.0.0/0\", color=blue, penwidth=2];"))
    #expect(ArchitectureGraph.dotString("a \"b\" \\", "c") == #""a \"b\" \\\nc""#)
  }

  @Test(.enabled(if: Tool.available("dot"), "Graphviz dot (Debian graphviz) is not installed: the parse check is skipped"))
  func dotParsesWithGraphviz() throws {
    let text = try Self.graph("dev").dot()
    let outcome = try Tool.run("dot", ["-Tsvg"], input: text)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.contains("<svg"))
    #expect(outcome.output.contains("r_TargetGroup&#45;&gt;r_Service"))
  }

  /// Every line of the Mermaid output is one of the forms vibe-rules writes, and every
  /// edge joins declared nodes (no Mermaid parser runs here: mermaid-cli needs npm).
  @Test func mermaidLinesFollowTheGrammar() throws {
    let text = try Self.graph().mermaid()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "flowchart LR")
    let node = #/^  (?<id>internet|r_[A-Za-z0-9]+)(\(\("[^"]*"\)\)|\["[^"]*"\])$/#
    let edge = #/^  (?<from>internet|r_[A-Za-z0-9]+) (-\.->|==>|--x)\|"[^"|]*"\| (?<to>r_[A-Za-z0-9]+)$/#
    var declared = Set<String>()
    for line in lines.dropFirst() {
      if line.hasPrefix("  %%") { continue }
      if let match = line.wholeMatch(of: node) {
        declared.insert(String(match.id))
      } else if let match = line.wholeMatch(of: edge) {
        #expect(declared.contains(String(match.from)) && declared.contains(String(match.to)), "\(line)")
      } else {
        Issue.record("not a Mermaid line vibe-rules writes: \(line)")
      }
    }
    #expect(text.contains("  internet ==>|\"HTTPS 443: AlbSecurityGroup ingress tcp 443 from 0.0.0.0/0\"| r_HttpsListener"))
    #expect(ArchitectureGraph.mermaidText("a \"b\" | #c <d>") == "a #quot;b#quot; #124; #35;c #lt;d#gt;")
  }
}
