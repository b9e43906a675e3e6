import Testing
@testable import DockerfileModel
