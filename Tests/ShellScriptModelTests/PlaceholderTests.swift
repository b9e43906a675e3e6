import Testing
@testable import ShellScriptModel
