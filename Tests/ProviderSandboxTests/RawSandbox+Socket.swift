import Foundation
import Testing

/// Requests written byte by byte on a raw TCP connection, for shapes an HTTP client would
/// refuse to send or would tidy up (odd paths and queries, bad methods, garbage).
extension RawSandbox {
  /// Sends `bytes` on a new connection and returns everything read until the server closed it.
  func raw(_ bytes: [UInt8]) async throws -> RawSocket.Exchange {
    try await RawSocket.exchange(port: server.port, bytes)
  }

  /// One request, `Connection: close`, with `Content-Length` when there is a body; its answer,
  /// or `nil` when the server closed without a complete one.
  func raw(
    _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []
  ) async throws -> RawReply? {
    let exchange = try await raw(Self.requestBytes(method, target, headers: headers, body: body))
    #expect(!exchange.timedOut, "\(method) \(target): no answer and the connection still open")
    return RawReply.all(in: exchange.bytes).first
  }

  /// The bytes of one HTTP/1.1 request.
  static func requestBytes(
    _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
    close: Bool = true
  ) -> [UInt8] {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if close { head += "Connection: close\r\n" }
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
    return Array((head + "\r\n").utf8) + body
  }
}
