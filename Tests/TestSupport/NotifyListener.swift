import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A Unix datagram socket the test opens and reads, standing in for systemd.
public final class NotifyListener: @unchecked Sendable {
  let fd: Int32
  /// The address for `NOTIFY_SOCKET`.
  public let name: String

  /// Binds a path socket, or an abstract one when `abstract` (named `@...` in `NOTIFY_SOCKET`).
  public init(abstract: Bool = false) throws {
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
    guard bound == 0 else { throw TestSetupError("cannot bind the notify socket: errno \(errno)") }
  }

  deinit {
    close(fd)
    if !name.hasPrefix("@") { unlink(name) }
  }

  /// The next datagram (the notifier has already sent it: `sendto` on a datagram socket is
  /// complete when it returns, so this read does not wait on timing).
  public func receive() -> String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
    return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
  }

  /// Datagrams until one satisfies `done` or `timeout` passes (the wait is for a message, not a
  /// stand-in for one); returns every datagram read, in order.
  public func receive(until done: (String) -> Bool, timeout: Duration) -> [String] {
    var seen: [String] = []
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let left = deadline - ContinuousClock.now
      let millis = Int32(
        max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
      )
      guard poll(&pollfd, 1, millis) > 0 else { continue }
      let message = receive()
      guard !message.isEmpty else { continue }
      seen.append(message)
      if done(message) { return seen }
    }
    return seen
  }
}
