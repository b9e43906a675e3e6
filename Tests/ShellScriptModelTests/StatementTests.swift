import Diagnostics
import Testing

@testable import ShellScriptModel

@Suite struct StatementTests {
  /// A short description of a statement's shape, for table-driven checks.
  static func shape(_ statement: Statement) -> String {
    var text: String
    switch statement.kind {
    case .simple(let command):
      let assignments = command.assignments.map { "\($0.name)=" }
      text = (assignments + command.words.map(\.text)).joined(separator: " ")
      if !command.redirections.isEmpty { text += " " + command.redirections.map { ($0.fileDescriptor.map(String.init) ?? "") + $0.op.rawValue }.joined(separator: " ") }
    case .pipeline(let pipeline): text = "pipe(" + pipeline.commands.map(shape).joined(separator: " | ") + ")"
    case .andOr(let list):
      text = "list(" + shape(list.items[0])
      for (op, item) in zip(list.operators, list.items.dropFirst()) { text += " \(op.rawValue) " + shape(item) }
      text += ")"
    case .negation(let inner): text = "not(" + shape(inner) + ")"
    case .ifClause(let clause):
      text = "if(" + clause.branches.map { "[" + $0.condition.map(shape).joined(separator: "; ") + "]{" + $0.body.map(shape).joined(separator: "; ") + "}" }.joined(separator: " elif ")
      if let elseBody = clause.elseBody { text += " else{" + elseBody.map(shape).joined(separator: "; ") + "}" }
      text += ")"
    case .loop(let loop): text = "\(loop.kind.rawValue)([" + loop.condition.map(shape).joined(separator: "; ") + "]{" + loop.body.map(shape).joined(separator: "; ") + "})"
    case .forClause(let clause):
      switch clause.header {
      case .words(let variable, let words): text = "for(\(variable) in \(words.map { $0.map(\.text).joined(separator: " ") } ?? "$@")"
      case .arithmetic(let expression): text = "for((\(expression))"
      }
      text += "{" + clause.body.map(shape).joined(separator: "; ") + "})"
    case .caseClause(let clause):
      text = "case(\(clause.subject.text): " + clause.items.map { $0.patterns.map(\.text).joined(separator: "|") + "{" + $0.body.map(shape).joined(separator: "; ") + "}\($0.terminator.rawValue)" }.joined(separator: " ") + ")"
    case .functionDefinition(let definition): text = "fn \(definition.name)" + shape(definition.body)
    case .braceGroup(let list): text = "{" + list.map(shape).joined(separator: "; ") + "}"
    case .subshell(let list): text = "(" + list.map(shape).joined(separator: "; ") + ")"
    case .arithmetic(let command): text = "((\(command.expression)))"
    case .conditional(let command): text = "[[" + command.words.map(\.text).joined(separator: " ") + "]]"
    case .coprocess(let coprocess): text = "coproc(\(coprocess.name?.text ?? "")){" + shape(coprocess.command) + "}"
    }
    if !statement.redirections.isEmpty { text += " " + statement.redirections.map(\.op.rawValue).joined(separator: " ") }
    if statement.isBackgrounded { text += " &" }
    return text
  }

  @Test(arguments: [
    ("a | b |& c", ["pipe(a | b | c)"]),
    ("a && b || c", ["list(a && b || c)"]),
    ("a &&\n  b", ["list(a && b)"]),
    ("a |\n  b", ["pipe(a | b)"]),
    ("! a | b", ["not(pipe(a | b))"]),
    ("time -p a", ["a"]),
    ("a & b; c", ["a &", "b", "c"]),
    ("a;b\n\nc # comment", ["a", "b", "c"]),
    ("x=1 y=2", ["x= y="]),
    ("cmd >out 2>&1 <in >>log &>all", ["cmd > 2>& < >> &>"]),
    (">out cmd", ["cmd >"]),
    ("echo {a,b} }", ["echo {a,b} }"]),
    ("echo if then fi", ["echo if then fi"]),
    ("echo coproc; coproc=1", ["echo coproc", "coproc="]),
  ])
  func listsAndPipelines(source: String, expected: [String]) throws {
    #expect(try statements(source).map(Self.shape) == expected)
  }

  @Test(arguments: [
    ("if a; then b; fi", "if([a]{b})"),
    ("if a\nthen\n  b\nelif c; then d; else e; fi", "if([a]{b} elif [c]{d} else{e})"),
    ("if ! X=$(cmd); then exit 2; fi", "if([not(X=)]{exit 2})"),
    ("while [ -f x ]; do sleep 1; done", "while([[ -f x ]]{sleep 1})"),
    ("until aws ecs wait; do :; done", "until([aws ecs wait]{:})"),
    ("for t in a b \"$c\"; do echo $t; done", "for(t in a b \"$c\"{echo $t})"),
    ("for t\ndo echo; done", "for(t in $@{echo})"),
    ("for ((i=0; i<3; i++)); do echo; done", "for((i=0; i<3; i++){echo})"),
    ("case \"$1\" in\n  dev|prod) ;;\n  (-h) usage;;&\n  *) usage; exit 1;;\nesac", "case(\"$1\": dev|prod{};; -h{usage};;& *{usage; exit 1};;)"),
    ("case $x in a) echo a;& b) echo b\nesac", "case($x: a{echo a};& b{echo b})"),
    ("case x in esac", "case(x: )"),
    ("f() { a; }", "fn f{a}"),
    ("function g { a; }", "fn g{a}"),
    ("function h() (a)", "fn h(a)"),
    ("check_tools ()\n{\n  a\n}", "fn check_tools{a}"),
    ("{ a; b; } >log", "{a; b} >"),
    ("(cd x && make)", "(list(cd x && make))"),
    ("(( i += 1 ))", "(( i += 1 ))"),
    ("[[ $x == prod && -n $y ]]", "[[$x == prod && -n $y]]"),
    ("[[ $v =~ ^(a|b)$ ]]", "[[$v =~ ^(a|b)$]]"),
    // A `|` outside parentheses is the regex's too, up to the next blank (bash 5.2).
    ("[[ $v =~ a|b ]]", "[[$v =~ a|b]]"),
    ("[[ $v =~ a||b && -n $w ]]", "[[$v =~ a||b && -n $w]]"),
    ("[[ $? != 0 ]] && exit 1", "list([[$? != 0]] && exit 1)"),
    ("[[ a < b ]]", "[[a < b]]"),
    // coproc takes a NAME only before a compound command (bash 5.2).
    ("coproc NAME { read -r l; } 2>/dev/null", "coproc(NAME){{read -r l} >}"),
    ("coproc cat file", "coproc(){cat file}"),
    ("coproc NAME echo hi", "coproc(){NAME echo hi}"),
    ("coproc (sleep 1)", "coproc(){(sleep 1)}"),
    ("coproc \"N\" while true; do :; done", "coproc(\"N\"){while([true]{:})}"),
    ("coproc >log X=1 cmd", "coproc(){X= cmd >}"),
    ("coproc time echo hi", "coproc(){time echo hi}"),
    ("coproc P ((1))", "coproc(P){((1))}"),
  ])
  func compoundCommands(source: String, expected: String) throws {
    let parsed = try statements(source)
    #expect(parsed.count == 1)
    #expect(parsed.first.map(Self.shape) == expected)
  }

  @Test func hereDocuments() throws {
    let script = try parse(
      """
      cat <<EOF >out
      stack: $STACK
      cmd: $(date)
      EOF
      cat <<'RAW' | grep x
      $NOT_EXPANDED
      RAW
      \tcat <<-END
      \t\tindented $X
      \tEND
      echo after
      """.replacingTabs())
    #expect(script.statements.map(Self.shape) == ["cat << >", "pipe(cat << | grep x)", "cat <<-", "echo after"])
    let first = try #require(script.statements[0].simpleCommand?.redirections.first?.hereDocument)
    #expect(first.delimiter == "EOF" && !first.isQuoted)
    #expect(first.body == "stack: $STACK\ncmd: $(date)\n")
    #expect(first.bodyLocation == SourceLocation(file: "deploy.sh", line: 2, column: 1))
    #expect(first.parts.contains { if case .parameter(let p) = $0.kind { p.parameter == "STACK" } else { false } })
    #expect(first.parts.contains { if case .commandSubstitution(let s) = $0.kind { s.text == "date" } else { false } })
    guard case .pipeline(let pipeline) = script.statements[1].kind else {
      Issue.record("expected a pipeline")
      return
    }
    let raw = try #require(pipeline.commands[0].simpleCommand?.redirections.first?.hereDocument)
    #expect(raw.isQuoted && raw.body == "$NOT_EXPANDED\n" && raw.parts == [WordPart(.literal("$NOT_EXPANDED\n"), at: raw.bodyLocation)])
    let stripped = try #require(script.statements[2].simpleCommand?.redirections.first?.hereDocument)
    #expect(stripped.stripsLeadingTabs && stripped.body == "indented $X\n")
    // The date command inside the first body runs (in execution order).
    #expect(script.commands(named: "date").count == 1)
  }

  @Test func twoHereDocumentsOnOneLine() throws {
    let script = try parse("paste <<A <<B\na1\nA\nb1\nB\necho done")
    let redirections = try #require(script.statements.first?.simpleCommand?.redirections)
    #expect(redirections.compactMap(\.hereDocument?.body) == ["a1\n", "b1\n"])
    #expect(script.statements.count == 2)
  }

  @Test func hereDocumentInsideCommandSubstitution() throws {
    let script = try parse("X=$(cat <<EOF\nhello $1\nEOF\n)\necho \"$X\"")
    let substitution = try #require(script.statements.first?.assignments.first?.value.words.first?.commandSubstitutions.first)
    #expect(substitution.statements.first?.simpleCommand?.redirections.first?.hereDocument?.body == "hello $1\n")
    #expect(script.statements.count == 2)
  }

  @Test func hereString() throws {
    let command = try #require(try statements("read -r a b <<< \"$line\"").first?.simpleCommand)
    #expect(command.redirections.first?.op == .hereString)
    #expect(command.redirections.first?.target?.text == "\"$line\"")
  }

  @Test func locationsOfStatementsAndWords() throws {
    let script = try parse("#!/bin/bash\n\nif true; then\n  docker  push \"$REPO:$TAG\"\nfi\n")
    guard case .ifClause(let clause) = script.statements.first?.kind else {
      Issue.record("expected if")
      return
    }
    let push = try #require(clause.branches[0].body.first)
    #expect(push.location == SourceLocation(file: "deploy.sh", line: 4, column: 3))
    #expect(push.simpleCommand?.words.map(\.location.column) == [3, 11, 16])
    #expect(script.statements.first?.location == SourceLocation(file: "deploy.sh", line: 3, column: 1))
  }

  @Test func crlfLineEndingsCountAsOneBreak() throws {
    let script = try parse("set -e\r\nX=1\r\necho \"$X\"\r\n")
    #expect(script.statements.count == 3)
    #expect(script.statements[2].location.line == 3)
    #expect(script.commands(named: "echo").first?.resolvedArguments.first?.literal == "1")
  }

  @Test func shellCheckDirectivesAreKept() throws {
    let script = try parse("# shellcheck disable=SC2155,SC2086\nlocal x=$(a)\n# plain comment")
    #expect(script.directives.count == 1)
    #expect(script.directives.first?.disabledCodes == ["SC2155", "SC2086"])
    #expect(script.directives.first?.location == SourceLocation(file: "deploy.sh", line: 1, column: 1))
  }

  @Test func shebangs() throws {
    let cases: [(String, String, [String], Bool)] = [
      ("#!/usr/bin/env bash", "bash", [], false),
      ("#!/bin/bash -e", "bash", ["-e"], false),
      ("#!/usr/bin/env -S bash -eu", "bash", ["-eu"], false),
      ("#!/usr/bin/env bash -e", "bash", ["-e"], true),
      ("#!/bin/sh", "sh", [], false),
    ]
    for (line, program, options, unsplit) in cases {
      let shebang = try #require(try parse(line + "\necho").shebang)
      #expect(shebang.program == program)
      #expect(shebang.options == options)
      #expect(shebang.passesOptionsThroughEnvWithoutSplit == unsplit)
    }
    #expect(try parse("echo").shebang == nil)
  }

  @Test func functionDefinitionsAreListed() throws {
    let script = try parse("a() { b() { :; }; }\nfunction c { x=$(d() { :; }; d); }")
    #expect(script.functions.map(\.name) == ["a", "b", "c", "d"])
    #expect(script.function(named: "c")?.usesFunctionKeyword == true)
    #expect(script.function(named: "a")?.nameLocation == SourceLocation(file: "deploy.sh", line: 1, column: 1))
  }

  @Test func readsExitStatus() throws {
    let cases: [(String, Bool)] = [
      ("rc=$?", true), ("if [ $? -ne 0 ]; then :; fi", true), ("[[ $? != 0 ]]", true), ("if (( $? )); then :; fi", true),
      ("case $? in 0) ;; esac", true), ("echo \"failed: $?\"", true), ("if [ \"$rc\" -ne 0 ]; then :; fi", false),
      ("echo ok", false), ("(( status ))", false),
    ]
    for (source, expected) in cases {
      let statement = try #require(try statements(source).first)
      #expect(statement.readsExitStatusImmediately == expected, "\(source)")
    }
  }
}

extension String {
  /// Turns `\t` written in a test's multi-line literal into real tabs.
  func replacingTabs() -> String { replacing("\\t", with: "\t") }
}
