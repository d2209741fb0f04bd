import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Whether systemd's `SocketBindDeny=` is in force for this process, found by trying.
///
/// The unit allows binding only the metrics port; every other `bind()`, an ephemeral port's
/// included, is refused with `EPERM` where systemd enforces the rule. Only a systemd built with
/// its BPF framework does (`systemctl --version` shows `+BPF_FRAMEWORK`); Debian 12's does not,
/// and ignores the setting without a word. ``probe()`` binds a TCP socket to `127.0.0.1:0` and
/// closes it at once, so the daemon can say at start which it is.
public enum SocketBindRestriction: Sendable, Equatable {
  /// The bind was refused (`EPERM`): binding is restricted.
  case enforced
  /// The bind worked: nothing restricts binding (the unit sets no rule, or systemd ignores it).
  case notEnforced
  /// The probe failed otherwise; the `errno`.
  case unknown(Int32)

  /// Tries the bind.
  public static func probe() -> SocketBindRestriction {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return .unknown(errno) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if result == 0 { return .notEnforced }
    return errno == EPERM ? .enforced : .unknown(errno)
  }
}
