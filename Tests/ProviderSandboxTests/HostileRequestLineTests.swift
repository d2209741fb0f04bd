import Foundation
import Testing

/// Hostile request lines (queries, paths, methods) sent byte for byte on a raw socket: each gets
/// a documented status and code, and the sandbox still serves afterwards.
@Suite struct HostileRequestLineTests {
  static let list = "/aggregation/v1/customers/1/accounts"

  @Test(
    arguments: [
      // Pairs with an empty name are skipped, as Tomcat skips them (`?=` used to crash).
      ("=", 200, nil), ("==", 200, nil), ("=&=&&", 200, nil), ("=ava", 200, nil), ("&", 200, nil),
      ("account_type=%61va", 200, nil), ("account_type=ava&=x", 200, nil),
      ("account_type=ava&account_type=ava", 400, "Malformed query string"),
      ("account_type=%zz", 400, "Malformed query string"),
      ("account_type=%C3", 400, "Malformed query string"),
      ("account_type=ava%", 400, "Malformed query string"),
      ("%FF=1", 400, "Malformed query string"),
      ("account_type", 400, "Account type not supported"),
      ("account_type=ava%00", 400, "Account type not supported"),
      ("account_type=a+va", 400, "Account type not supported"),
    ] as [(String, Int, String?)])
  func queryShapesOnTheAccountList(query: String, status: Int, message: String?) async throws {
    try await withRawSandbox(captured: false) { s in
      let token = try await s.token()
      let reply = try await s.raw("GET", Self.list + "?" + query, headers: s.finicityHeaders(token))
      let answer = try #require(reply, "no answer to ?\(query)")
      #expect(answer.status == status, "?\(query)")
      if let message {
        #expect(answer.code == "14020", "?\(query)")
        #expect(answer.message.contains(message), "?\(query): \(answer.message)")
      } else {
        #expect(answer.object["accounts"] is [Any], "?\(query)")
      }
      try await s.expectStillServes()
    }
  }

  @Test(arguments: [
    "/microentry//v1/customers/1/accounts/2", "/microentry/v1/customers/1/accounts/2/",
    "/microentry/v1/customers/../accounts/2", "/microentry/v1/customers/./accounts/2",
    "/microentry/v1/customers/1%2F2/accounts/2", "/microentry/v1/customers/1%00/accounts/2",
    "/microentry/v1/customers/1%0A/accounts/2", "/microentry/v1/customers/%zz/accounts/2",
    "/microentry/v1/customers/%C3/accounts/2", "/microentry/v2/customers/1/accounts/2/amounts",
    "/", "/%2e%2e/%2e%2e/etc/passwd", "/aggregation/v1/customers/1/accounts//",
    "/microentry/v1/customers/" + String(repeating: "9", count: 3000) + "/accounts/2",
  ])
  func oddFinicityPathsAreNotFound(path: String) async throws {
    try await withRawSandbox(captured: false) { s in
      let token = try await s.token()
      let answer = try #require(try await s.raw("GET", path, headers: s.finicityHeaders(token)))
      #expect(answer.status == 404, "\(path.prefix(80))")
      #expect(answer.code == "14001", "\(path.prefix(80))")
      try await s.expectStillServes()
    }
  }

  @Test func oddFolioPathsAreFoliosNotFound() async throws {
    try await withRawSandbox(captured: false) { s in
      for path in ["/restapi//accounts/A/achbanklinks/1", "/restapi/accounts/A/achbanklinks/1%00"] {
        let answer = try #require(try await s.raw("GET", path))
        #expect(answer.status == 404, "\(path)")
        #expect(answer.folioCode == "resource.not.found", "\(path)")
      }
      try await s.expectStillServes()
    }
  }

  @Test func percentEncodedSegmentsAreDecodedBeforeRouting() async throws {
    try await withRawSandbox(captured: false) { s in
      let token = try await s.token()
      let id = try await s.initiate(token, account: "12345678")
      // 1005061234 with its last digit escaped: the same customer.
      let path = "/microentry/v1/customers/100506123%34/accounts/\(id)"
      let answer = try #require(try await s.raw("GET", path, headers: s.finicityHeaders(token)))
      #expect(answer.status == 200)
      #expect(answer.object["status"] as? String == "Completed")
    }
  }

  @Test func pathBytesThatAreNotUTF8AreRefused() async throws {
    try await withRawSandbox(captured: false) { s in
      let token = try await s.token()
      var bytes = Array("GET /microentry/v1/customers/".utf8) + [0xFF, 0xFE, 0xC3]
      bytes += Array("/accounts/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".utf8)
      for (name, value) in s.finicityHeaders(token) { bytes += Array("\(name): \(value)\r\n".utf8) }
      bytes += Array("\r\n".utf8)
      let exchange = try await s.raw(bytes)
      #expect(!exchange.timedOut)
      let answer = try #require(RawReply.all(in: exchange.bytes).first)
      // Either the HTTP parser refuses the line (400, no body) or the sandbox finds no resource.
      #expect(answer.status == 400 || (answer.status == 404 && answer.code == "14001"))
      try await s.expectStillServes()
    }
  }

  @Test(arguments: ["OPTIONS", "DELETE", "PATCH", "TRACE", "PROPFIND", "PUT"])
  func otherMethodsAreNotFound(method: String) async throws {
    try await withRawSandbox(captured: false) { s in
      let token = try await s.token()
      let answer = try #require(
        try await s.raw(method, Self.list, headers: s.finicityHeaders(token)))
      #expect(answer.status == 404, "\(method)")
      #expect(answer.code == "14001", "\(method)")
      let folio = try #require(try await s.raw(method, "/restapi/accounts/A/achbanklinks/1"))
      #expect(folio.status == 404 && folio.folioCode == "resource.not.found", "\(method)")
      try await s.expectStillServes()
    }
  }

  @Test func optionsStarIsNotFound() async throws {
    try await withRawSandbox(captured: false) { s in
      let answer = try #require(try await s.raw("OPTIONS", "*"))
      #expect(answer.status == 404 && answer.code == "14001")
      try await s.expectStillServes()
    }
  }

  /// A HEAD answer has no body, so the next answer on the same connection is read intact.
  @Test func headIsNotFoundWithoutABodyAndKeepsTheConnectionInStep() async throws {
    try await withRawSandbox(captured: false) { s in
      let head = RawSandbox.requestBytes("HEAD", Self.list, close: false)
      let next = RawSandbox.requestBytes("GET", Self.list)
      let exchange = try await s.raw(head + next)
      #expect(!exchange.timedOut)
      let replies = RawReply.all(in: exchange.bytes, bodiless: [0])
      try #require(replies.count == 2)
      #expect(replies[0].status == 404 && replies[0].body.isEmpty)
      #expect(replies[1].status == 401 && replies[1].code == "10026")
      try await s.expectStillServes()
    }
  }
}
