import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Tells systemd about the service's life (`sd_notify`): readiness, status lines, stopping,
/// reloading, and watchdog pings.
///
/// Writes one datagram per message to the Unix socket named by `$NOTIFY_SOCKET` (a path, or an
/// abstract name written `@name`). Without `$NOTIFY_SOCKET` every call does nothing, so the daemon
/// behaves the same outside systemd. Messages never carry secrets: callers pass fixed words and
/// counts.
public struct SystemdNotifier: Sendable {
  /// The socket address, `nil` when not under systemd.
  public let socketPath: String?
  /// How often to ping the watchdog (half of `$WATCHDOG_USEC`), `nil` when no watchdog is set
  /// for this process.
  public let watchdogInterval: Duration?

  /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()
  ) {
    socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    let forUs = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
    if forUs, let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 {
      watchdogInterval = .microseconds(micros / 2)
    } else {
      watchdogInterval = nil
    }
  }

  /// Whether messages go anywhere.
  public var isActive: Bool { socketPath != nil }

  /// `READY=1`: startup is complete.
  public func ready(status: String? = nil) throws {
    try send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? []))
  }

  /// `STATUS=...`: one line saying what the service is doing.
  public func status(_ text: String) throws {
    try send(["STATUS=\(text)"])
  }

  /// `STOPPING=1`: shutdown (the drain) has begun.
  public func stopping() throws {
    try send(["STOPPING=1"])
  }

  /// `RELOADING=1` with the monotonic time, for `Type=notify-reload`; follow with ``ready(status:)``.
  public func reloading() throws {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let micros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    try send(["RELOADING=1", "MONOTONIC_USEC=\(micros)"])
  }

  /// `WATCHDOG=1`: the run loop made progress since the last ping.
  public func watchdog() throws {
    try send(["WATCHDOG=1"])
  }

  /// Sends the assignments as one datagram (newline-separated). Never blocks: when the receiver's
  /// buffer is full the message is dropped and `EAGAIN` thrown, so a stalled reader can never
  /// wedge the caller (the run loop pings the watchdog from its own queue).
  public func send(_ assignments: [String]) throws {
    guard let socketPath else { return }
    let message = assignments.joined(separator: "\n")
    let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SystemdNotifyError(operation: "socket", code: errno) }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var path = Array(socketPath.utf8)
    if path.first == UInt8(ascii: "@") { path[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard path.count < capacity else {
      throw SystemdNotifyError(operation: "address", code: ENAMETOOLONG)
    }
    withUnsafeMutableBytes(of: &address.sun_path) { bytes in
      for (index, byte) in path.enumerated() { bytes[index] = byte }
    }
    let length = socklen_t(
      MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count + (path.first == 0 ? 0 : 1))
    let sent = message.withCString { text in
      withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          sendto(fd, text, strlen(text), Int32(MSG_NOSIGNAL | MSG_DONTWAIT), $0, length)
        }
      }
    }
    guard sent >= 0 else { throw SystemdNotifyError(operation: "sendto", code: errno) }
  }
}
