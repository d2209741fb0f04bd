import Foundation
import Testing

/// Hostile request lines sent byte for byte on a raw socket: each gets a documented status and
/// code, and the sandbox still serves afterwards.
@Suite struct HostileRequestLineTests {
  static let list = "/aggregation/v1/customers/1/accounts"

  @Test(
    arguments: [
      // Pairs with an empty name are skipped, as Tomcat skips them (`?=` used to crash).
      ("=", 200, nil), ("==", 200, nil), ("=&=&&", 200, nil), ("=ava", 200, nil), ("&", 200, nil),
      ("account_type=%61va", 200, nil), ("account_type=ava&=x", 200, nil),
      ("account_type", 400, "Account type not supported"),
      ("account_type=ava%00", 400, "Account type not supported"),
      ("account_type=a+va", 400, "Account type not supported"),
    ] as [(String, Int, String?)])
  func queryShapesOnTheAccountList(query: String, status: Int, message: String?) async throws {
    try await withRawSandbox { s in
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
}
