import Diagnostics

/// A redirection attached to a command, e.g. `>&2`, `2>/dev/null`, `<<EOF`.
///
/// Bash Reference Manual, 3.6 "Redirections". `fileDescriptor` is the number written
/// before the operator (`2>`), `fileDescriptorVariable` the `{name}` form; `target` is the
/// word after the operator (nil for here-documents, whose text is in `hereDocument`).
public struct Redirection: Sendable, Hashable {
  public enum Operator: String, Sendable, Hashable {
    case input = "<"
    case output = ">"
    case append = ">>"
    case clobber = ">|"
    case readWrite = "<>"
    case duplicateInput = "<&"
    case duplicateOutput = ">&"
    case outputAndError = "&>"
    case appendOutputAndError = "&>>"
    case hereDocument = "<<"
    case hereDocumentStrippingTabs = "<<-"
    case hereString = "<<<"
  }

  public var fileDescriptor: Int?
  public var fileDescriptorVariable: String?
  public var op: Operator
  public var target: Word?
  public var hereDocument: HereDocument?
  /// Where the redirection starts (its number, or the operator).
  public var location: SourceLocation

  public init(
    fileDescriptor: Int? = nil, fileDescriptorVariable: String? = nil, op: Operator,
    target: Word?, hereDocument: HereDocument? = nil, location: SourceLocation
  ) {
    self.fileDescriptor = fileDescriptor
    self.fileDescriptorVariable = fileDescriptorVariable
    self.op = op
    self.target = target
    self.hereDocument = hereDocument
    self.location = location
  }
}
