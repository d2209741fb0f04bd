import Foundation
import SystemdSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A Unix datagram socket the test opens and reads, standing in for systemd.
final class NotifyListener {
  let fd: Int32
  let name: String

  /// Binds a path socket, or an abstract one when `abstract` (named `@...` in `NOTIFY_SOCKET`).
  init(abstract: Bool) throws {
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    let unique = "verifierd-notify-\(UUID().uuidString.prefix(8))"
    name =
      abstract
      ? "@" + unique : FileManager.default.temporaryDirectory.appendingPathComponent(unique).path
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var bytes = Array(name.utf8)
    if abstract { bytes[0] = 0 }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    let length = socklen_t(
      MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw TestSocketError(code: errno) }
  }

  deinit {
    close(fd)
    if !name.hasPrefix("@") { unlink(name) }
  }

  /// The next datagram (the notifier has already sent it: `sendto` on a datagram socket is
  /// complete when it returns, so this read does not wait on timing).
  func receive() -> String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
    return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
  }
}

@Suite("sd_notify")
struct SystemdNotifierTests {
  @Test("messages reach a path socket and an abstract socket", arguments: [false, true])
  func messagesArrive(abstract: Bool) throws {
    let listener = try NotifyListener(abstract: abstract)
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.name])
    #expect(notifier.isActive)
    try notifier.ready(status: "claiming; 0 in flight")
    #expect(listener.receive() == "READY=1\nSTATUS=claiming; 0 in flight")
    try notifier.status("12 in flight")
    #expect(listener.receive() == "STATUS=12 in flight")
    try notifier.watchdog()
    #expect(listener.receive() == "WATCHDOG=1")
    try notifier.stopping()
    #expect(listener.receive() == "STOPPING=1")
    try notifier.reloading()
    let reloading = listener.receive()
    #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
  }

  @Test("without NOTIFY_SOCKET every call is a no-op")
  func noSocket() throws {
    let notifier = SystemdNotifier(environment: [:])
    #expect(!notifier.isActive)
    try notifier.ready()
    try notifier.watchdog()
    #expect(notifier.watchdogInterval == nil)
  }

  @Test("the watchdog pings at half of WATCHDOG_USEC, only for the process it names")
  func watchdogInterval() {
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == .seconds(15))
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], pid: 1)
        .watchdogInterval == .seconds(15))
    #expect(
      SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], pid: 2)
        .watchdogInterval == nil)
    #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
  }

  @Test("a socket that is gone is reported, not ignored")
  func missingSocket() {
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/verifierd-notify"])
    #expect(throws: SystemdNotifyError.self) { try notifier.ready() }
  }
}

/// The test could not open its socket.
struct TestSocketError: Error {
  let code: Int32
}
