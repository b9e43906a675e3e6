import ProjectModel
import TemplateModel

/// The architecture a template defines for one config env, as `vibe-rules graph` draws it:
/// every resource present in the env as a node; the template's references between them
/// (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`) as dashed edges; and the traffic path
/// internet → load balancer listeners → target groups → service tasks as solid edges,
/// each labelled with the security group rules that admit that hop (or marked blocked
/// when none does).
///
/// References are those of the template as written, kept only where the env's evaluated
/// resource still holds them (a `Ref` in the branch of `Fn::If` the env does not take is
/// dropped). Security groups are checked by port only: a CIDR peer is shown, not
/// intersected with the subnets. References: "Listeners for your Application Load
/// Balancers", https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html;
/// "Security group rules", https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
public struct ArchitectureGraph: Sendable {
  public struct Node: Hashable, Sendable {
    /// `r_<LogicalID>`, or `internet`.
    public var id: String
    /// The logical ID (or `Internet`).
    public var name: String
    /// The resource type; nil for the internet.
    public var type: String?
  }

  public struct Edge: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
      /// A reference in the template (`Ref`, `GetAtt Arn`, `Sub`, `DependsOn`).
      case reference
      /// A hop of the request path that security groups admit.
      case traffic
      /// A hop of the request path that no security group rule admits.
      case blocked
    }
    public var from: String
    public var to: String
    public var label: String
    public var kind: Kind
  }

  /// The config env drawn.
  public var environment: String
  /// The template file.
  public var file: String
  public var nodes: [Node]
  public var edges: [Edge]

  public static let internet = Node(id: "internet", name: "Internet", type: nil)

  public static func nodeID(_ logicalID: String) -> String { "r_" + logicalID }

  public init(_ template: EvaluatedTemplate) {
    environment = template.scenario.environment
    file = template.template.file
    nodes = template.resources.map { Node(id: Self.nodeID($0.logicalID), name: $0.logicalID, type: $0.type) }
    edges = Self.references(template)
    let traffic = TrafficPath(template)
    if !traffic.edges.isEmpty && traffic.edges.contains(where: { $0.from == Self.internet.id }) {
      nodes.insert(Self.internet, at: 0)
    }
    edges += traffic.edges
  }

  /// Reference edges between resources present in the env, one per (from, to, label).
  static func references(_ template: EvaluatedTemplate) -> [Edge] {
    var seen = Set<Edge>()
    var edges: [Edge] = []
    for edge in template.template.graph.edges where edge.from.hasPrefix("Resources/") {
      let from = String(edge.from.dropFirst("Resources/".count))
      guard let source = template.resource(from), template.resource(edge.to) != nil, from != edge.to else { continue }
      let label: String
      switch edge.kind {
      case .ref: label = "Ref"
      case .getAtt: label = "GetAtt" + (edge.attribute.map { " \($0)" } ?? "")
      case .sub: label = "Sub" + (edge.attribute.map { " \($0)" } ?? "")
      case .dependsOn: label = "DependsOn"
      case .condition, .findInMap: continue
      }
      if edge.kind != .dependsOn && !EvaluatedNode(.map(source.properties), at: source.location).mentions(edge.to) { continue }
      let drawn = Edge(from: nodeID(from), to: nodeID(edge.to), label: label, kind: .reference)
      if seen.insert(drawn).inserted { edges.append(drawn) }
    }
    return edges
  }
}
