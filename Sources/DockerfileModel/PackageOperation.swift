/// A package a RUN installs or removes, read from its package-manager commands.
///
/// Recognised: `apt-get`/`apt`/`aptitude install|remove|purge`, `apk add|del`,
/// `yum`/`dnf`/`microdnf install|remove|erase`, and `pip`/`pip3`/`pipX.Y`/`python -m pip
/// install|uninstall`. `package` is the name without version (`curl=7.88*` → `curl`,
/// `requests[socks]>=2` → `requests`). Options, files (`-r requirements.txt`), paths and
/// URLs are not packages.
public struct PackageOperation: Sendable, Hashable {
  public enum Manager: String, Sendable, Hashable {
    case apt
    case apk
    case yum
    case pip
  }

  public enum Action: String, Sendable, Hashable {
    case install
    case remove
  }

  public var manager: Manager
  public var action: Action
  public var package: String
  /// The command as a person would recognise it (`apt-get install`).
  public var command: String

  public init(manager: Manager, action: Action, package: String, command: String) {
    self.manager = manager
    self.action = action
    self.package = package
    self.command = command
  }
}
