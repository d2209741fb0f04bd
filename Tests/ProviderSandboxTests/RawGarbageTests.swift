import Foundation
import Testing

/// Bytes that are not HTTP, or HTTP broken in ways the parser must refuse: the connection gets a
/// 4xx or is closed (never a 5xx, never left hanging), and the sandbox still serves afterwards.
@Suite struct RawGarbageTests {
  static let shapes: [(String, [UInt8])] = [
    ("binary", [0x00, 0xFF, 0x13, 0x37, 0x80, 0x7F, 0x01, 0xFE] + Array("\r\n\r\n".utf8)),
    ("words", Array("GARBAGE IN GARBAGE OUT\r\n\r\n".utf8)),
    (
      "TLS hello",
      [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03]
        + [UInt8](repeating: 0x42, count: 64)
    ),
    ("HTTP/2 preface", Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)),
    (
      "unknown method",
      Array("FROB /aggregation/v1/customers/1/accounts HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    ),
    ("bad version", Array("GET / HTTP/9.9\r\nHost: x\r\n\r\n".utf8)),
    ("negative length", Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".utf8)),
    (
      "letters for a length",
      Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".utf8)
    ),
    (
      "two lengths",
      Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8)
    ),
    (
      "length and chunked",
      Array(
        "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
          .utf8)
    ),
    (
      "bad chunk size",
      Array(
        "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
          .utf8)
    ),
    ("header without a colon", Array("GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n".utf8)),
    (
      "NUL in a header",
      Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8)
    ),
    ("space before colon", Array("GET / HTTP/1.1\r\nHost : x\r\n\r\n".utf8)),
    (
      "huge header",
      Array(
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 100_000)
          + "\r\n\r\n").utf8)
    ),
    ("long method", Array(String(repeating: "A", count: 100_000).utf8)),
    ("bare newlines", Array("GET / HTTP/1.1\nHost: x\n\n".utf8) + [0xFF, 0xFF, 0xFF, 0xFF]),
    ("CONNECT", Array("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n".utf8)),
  ]

  @Test(arguments: shapes)
  func garbageGetsAFourHundredOrAClosedConnection(name: String, bytes: [UInt8]) async throws {
    try await withRawSandbox(captured: false) { s in
      let exchange = try await s.raw(bytes)
      #expect(!exchange.timedOut, "\(name): the connection was left open with no answer")
      for reply in RawReply.all(in: exchange.bytes) {
        #expect((400..<500).contains(reply.status), "\(name): answered \(reply.status)")
      }
      try await s.expectStillServes()
    }
  }

  /// A garbage connection does not disturb a good one open at the same time.
  @Test func aGoodConnectionIsServedBesideAGarbageOne() async throws {
    try await withRawSandbox(captured: false) { s in
      async let garbage = s.raw([0x00, 0xFF] + Array("\r\n\r\n".utf8))
      let token = try await s.token()
      let good = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token))
      #expect(good.status == 200)
      #expect(!(try await garbage).timedOut)
    }
  }
}
