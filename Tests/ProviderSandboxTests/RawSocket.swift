import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One TCP connection to a local port with bytes in and bytes out, no HTTP library in between
/// (so the sandbox sees exactly the bytes a hostile client would send).
enum RawSocket {
  /// What came back on the connection.
  struct Exchange: Sendable {
    /// Every byte read until the server closed the connection.
    var bytes: [UInt8]
    /// Whether the read gave up after the timeout with the connection still open.
    var timedOut: Bool
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Connects to `127.0.0.1:port`, writes `bytes`, and reads until the server closes the
  /// connection, or until `timeout` passes without a byte (then ``Exchange/timedOut``). Blocking
  /// calls run on a thread of their own, never on the test's executor.
  static func exchange(port: Int, _ bytes: [UInt8], timeout: Duration = .seconds(20)) async throws
    -> Exchange
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try blockingExchange(port: port, bytes, timeout) })
      }.start()
    }
  }

  private static func blockingExchange(port: Int, _ bytes: [UInt8], _ timeout: Duration) throws
    -> Exchange
  {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    defer { close(fd) }
    var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    #if canImport(Darwin)
      var one: Int32 = 1
      setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
    write(fd, bytes)
    return read(fd)
  }

  /// Writes all of `bytes`, stopping early when the server has closed (it may answer garbage
  /// before reading it all).
  private static func write(_ fd: Int32, _ bytes: [UInt8]) {
    #if canImport(Glibc)
      let flags = Int32(MSG_NOSIGNAL)
    #else
      let flags: Int32 = 0
    #endif
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
      if sent <= 0 { return }
      offset += sent
    }
  }

  /// Reads until end of file, a reset (also the end), or the timeout.
  private static func read(_ fd: Int32) -> Exchange {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        received.append(contentsOf: buffer[0..<count])
      } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        return Exchange(bytes: received, timedOut: false)
      } else if errno != EINTR {
        return Exchange(bytes: received, timedOut: true)
      }
    }
  }
}
