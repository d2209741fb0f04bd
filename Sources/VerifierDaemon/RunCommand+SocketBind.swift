import Foundation
import Logging
import SystemdSupport

extension RunCommand {
  /// Under systemd (`$INVOCATION_ID` set), says once at start whether the unit's
  /// `SocketBindDeny=` is in force: a warning when a probe bind works, since then the restriction
  /// the unit declares (and `systemd-analyze security` counts) protects nothing.
  func reportSocketBinding(
    logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    guard environment["INVOCATION_ID"] != nil else { return }
    switch SocketBindRestriction.probe() {
    case .enforced:
      logger.info("socket binding restricted by systemd (SocketBindDeny= in force)")
    case .notEnforced:
      logger.warning(
        "socket binding is not restricted",
        metadata: [
          "hint":
            "a bind of 127.0.0.1:0 worked: this systemd ignores SocketBindDeny= (it needs its BPF framework, systemctl --version shows +BPF_FRAMEWORK; Debian 12 has none), or the unit sets none"
        ])
    case .unknown(let code):
      logger.info("socket binding probe failed", metadata: ["errno": "\(code)"])
    }
  }
}
