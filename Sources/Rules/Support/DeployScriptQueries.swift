import Diagnostics
import ProjectModel
import ShellScriptModel

extension RuleContext {
  /// The deploy script's evaluation for this rule's config env.
  var deployRun: DeployScriptRun? {
    guard let name = environment?.scenario.environment else { return project.deployRuns.values.first }
    return project.deployRuns[name]
  }

  /// Where the deploy script starts, for findings about what it lacks.
  var scriptStart: SourceLocation { .start(of: project.deployScriptFile?.displayName ?? "deploy.sh") }
}

extension ResolvedWord {
  /// True when the value contains the SHA of the current commit: the output of
  /// `git rev-parse [--short] HEAD` or an equivalent (`CurrentCommitCommand`).
  var isCommitSHA: Bool {
    symbols.contains { symbol in
      if let command = symbol.command { return CurrentCommitCommand.isCurrentCommitSHA(command) }
      if case .alternatives(let options) = symbol.kind { return options.contains(where: \.isCommitSHA) }
      return false
    }
  }

  /// The tag of an image reference (`repo:tag`): the pieces after the last `:` of the last
  /// literal piece that has one, or nil.
  var imageTag: ResolvedWord? {
    guard let index = pieces.lastIndex(where: { if case .literal(let text) = $0 { text.containsText(":") } else { false } }),
      case .literal(let text) = pieces[index], let colon = text.lastIndex(of: ":")
    else { return nil }
    let tail = String(text[text.index(after: colon)...])
    guard !tail.containsText("/") else { return nil }
    return ResolvedWord(pieces: [.literal(tail)] + pieces[(index + 1)...])
  }

  /// The repository part of an image reference (everything before the tag's `:`).
  var imageRepository: ResolvedWord? {
    guard let index = pieces.lastIndex(where: { if case .literal(let text) = $0 { text.containsText(":") } else { false } }),
      case .literal(let text) = pieces[index], let colon = text.lastIndex(of: ":")
    else { return nil }
    return ResolvedWord(pieces: Array(pieces[..<index]) + [.literal(String(text[..<colon]))])
  }
}

extension CommandInvocation {
  /// The values of `-t`/`--tag` (docker build) as resolved words.
  var tags: [Argument] { values(ofFlag: "-t", "--tag") }
}
