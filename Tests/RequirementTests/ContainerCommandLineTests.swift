import Testing
@testable import Rules

/// Container command lines read through the shells they start.
@Suite("Container command lines")
struct ContainerCommandLineTests {
  func line(_ arguments: [String], _ environment: [String: String] = [:]) -> ContainerCommandLine {
    ContainerCommandLine(arguments: arguments, environment: environment, file: "test")
  }

  @Test("The program inside sh -c / bash -c, by path, through builtins and wrappers")
  func programs() {
    #expect(line(["/bin/sh", "-c", "curl -f http://127.0.0.1:8501/ || exit 1"]).names == ["sh", "curl"])
    #expect(line(["/bin/sh", "-c", "sh -c 'curl -f http://x/'"]).names == ["sh", "sh", "curl"])
    #expect(line(["/bin/sh", "-c", "bash -ec \"cd /tmp && exec timeout 2 /usr/bin/wget -q http://x/\""]).names == ["sh", "bash", "wget"])
    #expect(line(["/usr/bin/curl", "-f", "http://x/"]).programs == ["/usr/bin/curl"])
    #expect(line(["bash", "-o", "pipefail", "-c", "python -c 'print(1)'"]).names == ["bash", "python"])
    #expect(line(["/bin/sh", "-c", "curl -f http://localhost:$(cat /port)/"]).names == ["sh", "curl"])
    // A shell without -c runs a script file: the chain ends at the shell.
    #expect(line(["bash", "/app/healthcheck.sh"]).names == ["bash"])
  }

  @Test("Variables resolve through the environment; exec-form words are not expanded")
  func variables() {
    let shell = line(["/bin/sh", "-c", "sh -c \"$PROBE -f http://x/\""], ["PROBE": "/usr/bin/wget"])
    #expect(shell.names == ["sh", "sh", "wget"])
    let port = line(["/bin/sh", "-c", "streamlit run app.py --server.port $PORT"], ["PORT": "8501"])
    #expect(port.command?.value(ofFlag: "--server.port")?.literal == "8501")
    let exec = line(["streamlit", "run", "app.py", "--server.port=$PORT"], ["PORT": "8501"])
    #expect(exec.command?.value(ofFlag: "--server.port")?.literal == "$PORT")
  }

  @Test("What cannot be read statically is said")
  func unreadable() {
    let unknown = line(["/bin/sh", "-c", "$PROBE -f http://x/"])
    #expect(unknown.names == ["sh"])
    #expect(unknown.unreadable != nil)
    let script = line(["sh", "-c", "$SCRIPT"])
    #expect(script.unreadable != nil)
  }
}
