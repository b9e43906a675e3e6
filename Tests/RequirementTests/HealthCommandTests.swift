import Testing
@testable import Rules

/// Which `CMD-SHELL` health check commands exit 0 whatever the probe finds (4.7).
@Suite struct HealthCommandTests {
  static let alwaysSucceeding: [(String, String)] = [
    ("true", "it runs `true`"),
    (":", "it runs `:`"),
    ("exit   0", "it runs `exit   0`"),
    ("curl -f http://localhost:8501/ || true", "it ends with `|| true`, so its exit status is 0 whatever the probe finds"),
    ("curl -f http://localhost:8501/ ; exit 0", "it ends with `; exit 0`, so its exit status is 0 whatever the probe finds"),
    ("curl -f http://localhost:8501/\n/bin/true\n", "it ends with `/bin/true`, so its exit status is 0 whatever the probe finds"),
    ("curl -f http://localhost:8501/\r\n/usr/bin/true", "it ends with `/usr/bin/true`, so its exit status is 0 whatever the probe finds"),
    ("curl -f http://localhost:8501/ || true;", "it ends with `|| true`, so its exit status is 0 whatever the probe finds"),
    ("curl -f http://localhost:8501/ ||| true", "it ends with `|| true`, so its exit status is 0 whatever the probe finds"),
  ]

  @Test(arguments: alwaysSucceeding)
  func commandsThatCannotFail(text: String, reason: String) {
    #expect(HealthCommand.alwaysSucceeds(shell: text) == reason)
  }

  @Test(arguments: [
    "curl -f http://localhost:8501/ || exit 1",
    "curl -f http://localhost:8501/ && true",
    "true && curl -f http://localhost:8501/",
    "curl -f http://localhost:8501/ || exit 0 1",
    "exit 01",
    "truecurl",
    "curl -f http://localhost:8501/ | true",
  ])
  func commandsThatCanFail(text: String) {
    #expect(HealthCommand.alwaysSucceeds(shell: text) == nil)
  }
}
