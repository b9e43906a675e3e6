import Testing
@testable import Rules

/// How the app may read API_BASE_URL (1.6): the forms `PythonEnvironmentRead` accepts,
/// and near misses it must not.
@Suite struct PythonEnvironmentReadTests {
  @Test(arguments: [
    "import os\nURL = os.environ.get(\"API_BASE_URL\", \"http://localhost:8000\")\n",
    "url = os.environ [ 'API_BASE_URL' ]",
    "url = os.getenv( 'API_BASE_URL')",
    "url = environ . setdefault (\n  \"API_BASE_URL\", 'x')",
    "url = os.environ.pop('API_BASE_URL')",
  ])
  func reads(text: String) {
    #expect(PythonEnvironmentRead.reads("API_BASE_URL", in: text))
  }

  @Test(arguments: [
    "url = 'API_BASE_URL'",
    "url = os.environ.get('API_BASE_URL_OLD')",
    "url = os.environ.get(\"API_BASE_URL')",
    "url = os.environ.get('OTHER', 'API_BASE_URL')",
    "url = settings.get('API_BASE_URL')",
    "url = os.environ.keys('API_BASE_URL')",
    "url = os.getenv('XAPI_BASE_URL')",
    "",
  ])
  func doesNotRead(text: String) {
    #expect(!PythonEnvironmentRead.reads("API_BASE_URL", in: text))
  }
}
