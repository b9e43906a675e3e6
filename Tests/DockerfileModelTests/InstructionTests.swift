import Diagnostics
import Testing
@testable import DockerfileModel

/// The typed layer: each instruction's form and flags, and what it rejects.
@Suite("Typed instructions")
struct InstructionTests {
  func instructions(_ text: String) throws -> [Instruction] {
    try TestSupport.parse(text).instructions.map(\.instruction)
  }

  func error(_ text: String) -> InputError? {
    TestSupport.inputError { () throws(InputError) in _ = try TestSupport.parse(text) }
  }

  @Test("FROM with --platform and AS")
  func from() throws {
    let parsed = try instructions("FROM --platform=linux/amd64 python:3.12-slim AS Build\n")
    #expect(parsed == [.from(FromInstruction(image: "python:3.12-slim", stageName: "build", platform: "linux/amd64"))])
    #expect(error("FROM a b\n")?.message.hasPrefix("FROM requires either one or three arguments") == true)
    #expect(error("FROM a AS 1st\n")?.message.hasPrefix("invalid name for build stage") == true)
    #expect(error("FROM a AS x\nFROM b AS X\n")?.message.hasPrefix("duplicate stage name `x`") == true)
  }

  @Test("RUN --mount, --network, --security; exec and shell forms kept apart")
  func run() throws {
    let parsed = try instructions("FROM a\nRUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=t --network=none --security=insecure pip install x\nRUN [\"echo\", \"hi\"]\n")
    #expect(parsed[1] == .run(RunInstruction(
      command: .shell("pip install x"), mounts: ["type=cache,target=/root/.cache", "type=secret,id=t"],
      network: "none", security: "insecure")))
    #expect(parsed[2] == .run(RunInstruction(command: .exec(["echo", "hi"]))))
    #expect(error("FROM a\nRUN --network=wifi x\n")?.message.contains("--network must be") == true)
  }

  @Test("COPY flags")
  func copy() throws {
    let parsed = try instructions("FROM a\nCOPY --from=build --chown=app:app --chmod=755 --link --parents --exclude=*.md --exclude=tmp a b /dst/\n")
    #expect(parsed[1] == .copy(CopyInstruction(
      sources: ["a", "b"], destination: "/dst/", from: "build", chown: "app:app", chmod: "755", link: true,
      parents: true, excludes: ["*.md", "tmp"])))
    #expect(try instructions("FROM a\nCOPY [\"a b\", \"/c d/\"]\n")[1] == .copy(CopyInstruction(sources: ["a b"], destination: "/c d/")))
    #expect(try instructions("FROM a\nCOPY --link=false a /b\n")[1] == .copy(CopyInstruction(sources: ["a"], destination: "/b", link: false)))
  }

  @Test("ADD flags and remote sources")
  func add() throws {
    let parsed = try instructions("FROM a\nADD --checksum=sha256:abc --keep-git-dir --chown=1 --chmod=644 --link --exclude=x --unpack=false https://example.com/f.tgz /x\n")
    #expect(parsed[1] == .add(AddInstruction(
      sources: ["https://example.com/f.tgz"], destination: "/x", chown: "1", chmod: "644", link: true, keepGitDir: true,
      checksum: "sha256:abc", excludes: ["x"], unpack: false)))
    #expect(AddInstruction.isRemote("https://example.com/a"))
    #expect(AddInstruction.isRemote("git@github.com:moby/buildkit.git"))
    #expect(!AddInstruction.isRemote("src/app.py"))
  }

  @Test("A flag on the wrong instruction is rejected at the flag")
  func wrongFlags() {
    let chownOnRun = error("FROM a\nRUN --chown=app echo\n")
    #expect(chownOnRun?.location == SourceLocation(file: "Dockerfile", line: 2, column: 5))
    #expect(chownOnRun?.message.hasPrefix("unknown flag --chown on RUN") == true)
    #expect(error("FROM a\nCOPY --platform=linux/amd64 a b\n")?.message.hasPrefix("unknown flag --platform on COPY") == true)
    #expect(error("FROM a\nADD --from=x a b\n")?.message.hasPrefix("unknown flag --from on ADD") == true)
    #expect(error("FROM a\nADD --parents a b\n") != nil)
    #expect(error("FROM a\nCMD --doit [\"a\"]\n")?.message.contains("CMD takes no flags") == true)
    #expect(error("FROM a\nCOPY --from a b\n")?.message == "missing a value on flag: --from")
    #expect(error("FROM a\nCOPY --link=maybe a b\n")?.message.hasPrefix("expecting boolean value") == true)
    #expect(error("FROM a\nCOPY --from=x --from=y a b\n")?.message == "duplicate flag specified: --from")
  }

  @Test("Unknown instructions are rejected at the keyword")
  func unknownInstruction() {
    let found = error("FROM a\n  BOGUS bar\n")
    #expect(found?.location == SourceLocation(file: "Dockerfile", line: 2, column: 3))
    #expect(found?.message == "unknown instruction: BOGUS")
    #expect(error("FROM a\nRUNN true\n")?.message == "unknown instruction: RUNN (did you mean RUN?)")
    #expect(error("FROM a\nworkdri /app\n")?.message == "unknown instruction: workdri (did you mean WORKDIR?)")
    // Flags do not make an unknown instruction known (newcomer finding: "unknown flag
    // --hard on FROBNICATE (FROBNICATE takes no flags)").
    let flagged = error("FROM a\nFROBNICATE --hard yes\n")
    #expect(flagged?.message == "unknown instruction: FROBNICATE")
    #expect(flagged?.location == SourceLocation(file: "Dockerfile", line: 2, column: 1))
    #expect(error("FROM a\nCOPPY --from=b a b\n")?.message == "unknown instruction: COPPY (did you mean COPY?)")
  }

  @Test("ENV in both forms, LABEL with several pairs")
  func envAndLabel() throws {
    let parsed = try instructions("FROM a\nENV A 1 2\nENV B=\"x y\" C=z\nLABEL a=b \"c d\"=e\n")
    #expect(parsed[1] == .env([KeyValuePair(key: "A", value: "1 2", usesEquals: false)]))
    #expect(parsed[2] == .env([KeyValuePair(key: "B", value: "\"x y\""), KeyValuePair(key: "C", value: "z")]))
    #expect(parsed[3] == .label([KeyValuePair(key: "a", value: "b"), KeyValuePair(key: "\"c d\"", value: "e")]))
    #expect(error("FROM a\nENV\n")?.message == "ENV requires at least one argument")
    #expect(error("FROM a\nENV =x\n")?.message == "ENV names can not be blank")
  }

  @Test("ARG before and after FROM")
  func args() throws {
    let dockerfile = try TestSupport.parse("ARG BASE=alpine\nARG TAG\nFROM $BASE:${TAG:-3.20}\nARG TAG\nARG A=1 B\n")
    #expect(dockerfile.globalArgs.count == 2)
    #expect(dockerfile.instructions[3].instruction == .arg([ArgDeclaration(name: "TAG")]))
    #expect(dockerfile.instructions[4].instruction == .arg([ArgDeclaration(name: "A", defaultValue: "1"), ArgDeclaration(name: "B")]))
  }

  @Test("USER, WORKDIR, STOPSIGNAL, MAINTAINER take exactly one argument")
  func singleArgument() throws {
    let parsed = try instructions("FROM a\nUSER app:app\nWORKDIR /srv/app\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane <j@x>\n")
    #expect(parsed[1...] == [.user("app:app"), .workdir("/srv/app"), .stopSignal("SIGTERM"), .maintainer("Jane <j@x>")])
    #expect(error("FROM a\nUSER\n")?.message == "USER requires exactly one argument")
    #expect(error("FROM a\nWORKDIR\n")?.message == "WORKDIR requires exactly one argument")
  }

  @Test("EXPOSE ranges and protocols; invalid ports rejected")
  func expose() throws {
    #expect(try instructions("FROM a\nEXPOSE 80 443/tcp 8000-8010/udp ${PORT}\n")[1] == .expose(["80", "443/tcp", "8000-8010/udp", "${PORT}"]))
    #expect(PortSpec.parse("8000-8010/UDP") == PortSpec(ports: 8000...8010, transportProtocol: .udp))
    #expect(PortSpec.parse("53/sctp")?.description == "53/sctp")
    #expect(PortSpec.parse("80")?.description == "80/tcp")
    #expect(PortSpec.parse("70000") == nil)
    #expect(PortSpec.parse("90-80") == nil)
    #expect(PortSpec.parse("80/http") == nil)
    #expect(error("FROM a\nEXPOSE 80/http\n")?.message.hasPrefix("invalid EXPOSE entry") == true)
    // Located at the entry, on its own line after a continuation (it had been at the first).
    #expect(error("FROM a\nEXPOSE 8501 85o1\n")?.location.map { [$0.line, $0.column] } == [2, 13])
    #expect(error("FROM a\nEXPOSE 8501 \\\n  85o1\n")?.location.map { [$0.line, $0.column] } == [3, 3])
  }

  @Test("VOLUME in both forms")
  func volume() throws {
    let parsed = try instructions("FROM a\nVOLUME /a /b\nVOLUME [\"/c d\"]\n")
    #expect(parsed[1...] == [.volume(["/a", "/b"]), .volume(["/c d"])])
    #expect(error("FROM a\nVOLUME [\"\"]\n")?.message == "VOLUME specified can not be an empty string")
  }

  @Test("SHELL needs JSON form")
  func shell() throws {
    #expect(try instructions("FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n")[1] == .shell(["/bin/bash", "-o", "pipefail", "-c"]))
    #expect(error("FROM a\nSHELL /bin/bash -c\n")?.message.hasPrefix("SHELL requires the arguments to be in JSON form") == true)
  }

  @Test("CMD and ENTRYPOINT keep exec and shell forms apart")
  func cmdAndEntrypoint() throws {
    let parsed = try instructions("FROM a\nCMD [\"streamlit\", \"run\"]\nCMD streamlit run\nENTRYPOINT [\"tini\", \"--\"]\nCMD []\n")
    #expect(parsed[1...] == [.cmd(.exec(["streamlit", "run"])), .cmd(.shell("streamlit run")), .entrypoint(.exec(["tini", "--"])), .cmd(.exec([]))])
    #expect(CommandForm.shell("FOO=1 exec curl -f http://x").program == "curl")
    #expect(CommandForm.exec(["python", "-c", "x"]).program == "python")
  }

  @Test("HEALTHCHECK NONE and CMD with every option")
  func healthcheck() throws {
    let parsed = try instructions("FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=1m30s --timeout=5s --start-period=60s --start-interval=2s --retries=5 CMD curl -f http://localhost/\nHEALTHCHECK CMD [\"python\", \"-c\", \"x\"]\n")
    #expect(parsed[1] == .healthcheck(.none))
    guard case .healthcheck(.check(let check)) = parsed[2], case .healthcheck(.check(let exec)) = parsed[3] else {
      Issue.record("expected two health checks")
      return
    }
    #expect(check.command == .shell("curl -f http://localhost/"))
    #expect(check.interval == 90)
    #expect(check.timeout == 5)
    #expect(check.startPeriod == 60)
    #expect(check.startInterval == 2)
    #expect(check.retries == 5)
    #expect(exec.command == .exec(["python", "-c", "x"]))
    #expect(exec.effectiveInterval == 30)
    #expect(exec.effectiveTimeout == 30)
    #expect(exec.effectiveStartPeriod == 0)
    #expect(exec.effectiveRetries == 3)
  }

  @Test("HEALTHCHECK errors")
  func healthcheckErrors() {
    #expect(error("FROM a\nHEALTHCHECK\n")?.message.hasPrefix("HEALTHCHECK requires at least one argument") == true)
    #expect(error("FROM a\nHEALTHCHECK CMD\n")?.message == "Missing command after HEALTHCHECK CMD")
    #expect(error("FROM a\nHEALTHCHECK CONNECT TCP 7000\n")?.message == "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)")
    #expect(error("FROM a\nHEALTHCHECK NONE x\n")?.message == "HEALTHCHECK NONE takes no arguments")
    #expect(error("FROM a\nHEALTHCHECK --interval=soon CMD x\n")?.message.hasPrefix("invalid duration `soon`") == true)
    #expect(error("FROM a\nHEALTHCHECK --retries=-1 CMD x\n")?.message == "--retries cannot be negative (-1)")
    #expect(error("FROM a\nHEALTHCHECK --timeout=1ns CMD x\n")?.message == "Interval \"timeout\" cannot be less than 1ms")
  }

  @Test("Go durations")
  func durations() {
    #expect(GoDuration.seconds("30s") == 30)
    #expect(GoDuration.seconds("1h2m3s") == 3723)
    #expect(GoDuration.seconds("1.5m") == 90)
    #expect(GoDuration.seconds("500ms") == 0.5)
    #expect(GoDuration.seconds("0") == 0)
    #expect(GoDuration.seconds("10") == nil)
    #expect(GoDuration.seconds("s") == nil)
    #expect(GoDuration.seconds("") == nil)
    // Go's Duration is an int64 of nanoseconds: 2562047h is within it, 2562048h is not.
    #expect(GoDuration.seconds("2562047h").map { Int($0) } == 9_223_369_200)
    #expect(GoDuration.seconds("2562048h") == nil)
    #expect(GoDuration.seconds("99999999999999999999999h") == nil)
  }

  @Test("ONBUILD wraps a typed trigger; chaining and FROM are rejected")
  func onbuild() throws {
    #expect(try instructions("FROM a\nONBUILD RUN make\n")[1] == .onbuild(.run(RunInstruction(command: .shell("make")))))
    #expect(error("FROM a\nONBUILD ONBUILD RUN x\n")?.message == "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
    #expect(error("FROM a\nONBUILD FROM b\n")?.message == "FROM isn't allowed as an ONBUILD trigger")
  }

  @Test("Only ARG may come before the first FROM; a file needs a FROM")
  func beforeFrom() {
    let found = error("ARG X\nRUN echo\nFROM a\n")
    #expect(found?.location?.line == 2)
    #expect(found?.message.hasPrefix("no build stage in current context") == true)
    #expect(error("ARG X=1\n")?.message.hasPrefix("the Dockerfile has no FROM instruction") == true)
  }

  @Test("The number of stages is bounded")
  func stageLimit() {
    let text = String(repeating: "FROM alpine\n", count: Dockerfile.maximumStages + 1)
    #expect(error(text)?.location?.line == Dockerfile.maximumStages + 1)
    #expect(error(String(repeating: "FROM alpine\n", count: Dockerfile.maximumStages)) == nil)
  }

  @Test("The number of instructions is bounded")
  func instructionLimit() {
    let most = "FROM alpine\n" + String(repeating: "RUN true\n", count: Dockerfile.maximumInstructions - 1)
    #expect(error(most) == nil)
    let found = error(most + "# a comment does not count\n\nUSER app\n")
    #expect(found?.location?.line == Dockerfile.maximumInstructions + 3)
    #expect(found?.message.hasPrefix("more than \(Dockerfile.maximumInstructions) instructions") == true)
  }

  @Test("Malformed substitutions are rejected where BuildKit expands")
  func badSubstitution() {
    #expect(error("FROM a\nENV A=${B\n")?.message.contains("missing '}'") == true)
    #expect(error("FROM a\nWORKDIR ${}\n")?.message.contains("bad substitution") == true)
    #expect(error("FROM a\nRUN echo ${}\n") == nil)
  }

  @Test("Every instruction keeps its start and end line")
  func lines() throws {
    let dockerfile = try TestSupport.parse("FROM a\n\nRUN a \\\n  b\nCOPY <<EOF /x\nbody\nEOF\n")
    #expect(dockerfile.instructions.map(\.lines) == [1...1, 3...4, 5...7])
  }

  @Test("The BuildKit corpus cases that layer 2 rejects still dump from layer 1")
  func corpusAndLayerTwo() throws {
    var rejected: [String] = []
    for name in BuildKitCorpusTests.positive {
      let path = TestSupport.corpus.appendingPathComponent("testfiles/\(name)/Dockerfile").path
      let source = try SourceText.read(path: path)
      if TestSupport.inputError({ () throws(InputError) in _ = try Dockerfile.parse(source) }) != nil { rejected.append(name) }
    }
    // Unterminated quotes that BuildKit's word expansion rejects at build time (`env`:
    // `ENV name='a\'b'`; `escapes`: `ADD \conf\\" /.znc`), unknown flags (`--user`,
    // `--doit`), a bare HEALTHCHECK and HEALTHCHECK CONNECT, CMD before any FROM.
    #expect(rejected == ["env", "escapes", "flags", "health", "jeztah-invalid-json-json-inside-string", "jeztah-invalid-json-json-inside-string-double", "jeztah-invalid-json-single-quotes", "jeztah-invalid-json-unterminated-bracket", "jeztah-invalid-json-unterminated-string", "json"])
  }
}
