import Diagnostics

// Reports of a run that could not check the files: they say why, in the format a CI
// step expects to read.

extension SARIFReport {
  /// The SARIF log of a run that ended on an input error (exit status 2): no results, and
  /// one invocation with `executionSuccessful` false whose tool execution notification is
  /// the error, at its location when it has one. A CI step that uploads the log (GitHub
  /// code scanning's `upload-sarif`) then gets a valid log that says why nothing was
  /// checked, where a missing file failed the step with an error of its own.
  /// Reference: SARIF 2.1.0, "invocation object" (3.20) and "notification object" (3.58),
  /// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
  public static func failedRun(_ error: InputError, version: String) -> SARIFReport {
    let notification = Notification(
      level: "error", message: Message(text: error.message), locations: error.location.map { [Location(physicalLocation: physical($0))] })
    let driver = ToolComponent(name: "vibe-rules", version: version, semanticVersion: version, rules: [])
    let run = Run(
      tool: Tool(driver: driver), results: [], columnKind: "unicodeCodePoints",
      invocations: [Invocation(executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [notification])])
    return SARIFReport(log: Log(schema: schemaURI, version: "2.1.0", runs: [run]))
  }

  private init(log: Log) {
    self.log = log
  }
}

extension JUnitReport {
  /// The JUnit report of a run that ended on an input error (exit status 2): one test
  /// case, "load the checked files", with an `<error>` that is the diagnostic, so a CI
  /// step that reads the report shows why nothing was checked instead of failing on a
  /// missing file.
  public static func failedRun(_ error: InputError) -> JUnitReport {
    let load = TestCase(name: "load the checked files", classname: "vibe-rules", outcome: .errored(message: error.description, type: "input-error"))
    return JUnitReport(suites: [TestSuite(name: "vibe-rules", cases: [load])])
  }

  private init(suites: [TestSuite]) {
    self.suites = suites
  }
}
