import Foundation
import ProviderSandbox
import Testing

/// The control API: counters, faults, reset, capture.
@Suite struct ControlAPITests {
  @Test func countersFaultsAndReset() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      _ = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token))
      _ = try await s.send(
        .PUT, "/_sandbox/faults", body: #"{"rateLimitFraction":1,"retryAfterSeconds":9}"#)
      let limited = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token))
      #expect(limited.status == 429)
      #expect(limited.body.isEmpty)
      #expect(limited.headers["Retry-After"].first == "9")
      let faults = try await s.send(.GET, "/_sandbox/faults")
      #expect(faults.object["rateLimitFraction"] as? Double == 1)
      let counters = try await s.send(.GET, "/_sandbox/counters").object
      #expect(counters["requestsTotal"] as? Int == 3)
      #expect(counters["rateLimited429"] as? Int == 1)
      #expect((counters["requestsByStatus"] as? [String: Int]) == ["200": 2, "429": 1])
      _ = try await s.send(.POST, "/_sandbox/reset")
      let after = try await s.send(.GET, "/_sandbox/counters").object
      #expect(after["requestsTotal"] as? Int == 0)
      let faultsAfter = try await s.send(.GET, "/_sandbox/faults").object
      #expect(faultsAfter["rateLimitFraction"] as? Double == 0)
      // Tokens are forgotten by a reset.
      let stale = try await s.send(
        .GET, "/aggregation/v1/customers/1/accounts", headers: s.finicityHeaders(token))
      #expect(stale.object["code"] as? String == "10022")
    }
  }

  @Test func rejectsUnknownControlRoutesAndBadFaults() async throws {
    try await withRawSandbox { s in
      let unknown = try await s.send(.GET, "/_sandbox/nothing")
      #expect(unknown.status == 404)
      let badFaults = try await s.send(.PUT, "/_sandbox/faults", body: #"{"hangMs":"soon"}"#)
      #expect(badFaults.status == 400)
    }
  }

  @Test func forcedStatusIsVisibleToDetails() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let id = try await s.initiate(token, account: "10000005")
      _ = try await s.send(
        .POST, "/_sandbox/finicity/accounts/\(id)/status", body: #"{"status":"Returned"}"#)
      let details = try await s.send(
        .GET, "/microentry/v1/customers/1005061234/accounts/\(id)",
        headers: s.finicityHeaders(token))
      #expect(details.object["status"] as? String == "Returned")
    }
  }

  @Test func reportsTheAmountsOfManyAccountsInOneRequest() async throws {
    try await withRawSandbox { s in
      let token = try await s.token()
      let first = try await s.initiate(token, account: "10000005")
      let second = try await s.initiate(token, account: "10000013")
      let bulk = try await s.send(
        .POST, "/_sandbox/finicity/amounts",
        body: #"{"accountIds":["\#(first)","\#(second)","999"]}"#)
      let amounts = try #require(bulk.object["amountsCents"] as? [String: [Int]])
      #expect(Set(amounts.keys) == [first, second])
      for id in [first, second] {
        let report = try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)")
        #expect(amounts[id] == report.object["amountsCents"] as? [Int])
        #expect(amounts[id]?.count == 2)
      }
      let missing = try await s.send(.POST, "/_sandbox/finicity/amounts", body: #"{"ids":1}"#)
      #expect(missing.status == 400)
    }
  }

  @Test func captureWritesOneRedactedLinePerExchange() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "capture-\(UUID().uuidString).jsonl"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var token = ""
    var amounts: [String] = []
    try await withRawSandbox(SandboxConfiguration(capturePath: path)) { s in
      token = try await s.token()
      let id = try await s.initiate(token, account: "12345678")
      _ = try await s.send(.GET, "/_sandbox/counters")
      amounts = try #require(
        try await s.send(.GET, "/_sandbox/finicity/accounts/\(id)").object["amounts"] as? [String])
      _ = try await s.send(
        .POST, "/microentry/v1/customers/1005061234/accounts/\(id)/amounts",
        headers: s.finicityHeaders(token), body: #"{"amounts":[\#(amounts[0]),\#(amounts[1])]}"#)
    }
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3)
    let text = lines.joined(separator: "\n")
    #expect(!text.contains("sandbox-partner-secret"))
    #expect(!text.contains("sandbox-app-key"))
    #expect(!text.contains(token))
    #expect(!text.contains("12345678"))
    #expect(text.contains(#""accountNumber":"00005678""#))
    let verify = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
    #expect(verify["status"] as? Int == 200)
    #expect((verify["requestBody"] as? [String: Any])?["amounts"] as? [Double] == [0.01, 0.01])
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["path"] as? String == "/aggregation/v2/partners/authentication")
    #expect(first["status"] as? Int == 200)
  }
}
