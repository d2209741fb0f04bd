import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A failure to reach `$NOTIFY_SOCKET`.
public struct SystemdNotifyError: Error, CustomStringConvertible, Sendable {
  /// The system call that failed.
  public var operation: String
  /// Its `errno`.
  public var code: Int32

  public var description: String {
    "sd_notify \(operation) failed: \(String(cString: strerror(code)))"
  }
}
