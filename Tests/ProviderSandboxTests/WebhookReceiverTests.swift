import Foundation
import ProviderSandbox
import Testing
import Webhooks

/// The sandbox's webhook receiver, over real HTTP: deliveries signed by the daemon's signer are
/// taken, the receiver's own check refuses a wrong secret, a changed body and an old timestamp,
/// and its faults answer as configured.
@Suite struct WebhookReceiverTests {
  static let body = #"{"id":"ev-1","type":"verification.finished","job_id":17,"sequence":4}"#

  /// The header the daemon's signer puts on `body` under `secret`, signed `age` seconds ago.
  static func signature(_ body: String, secret: String = "sandbox-webhook-secret", age: Int64 = 0)
    -> (String, String)
  {
    let now = Int64(Date().timeIntervalSince1970)
    let signed = WebhookSignature(
      secret: Array(secret.utf8), timestamp: now - age, body: Array(body.utf8))
    return (WebhookSignature.header, signed.headerValue)
  }

  @Test func aSignedDeliveryIsTakenAndListed() async throws {
    try await withRawSandbox { s in
      let answer = try await s.send(
        .POST, "/_sandbox/webhooks", headers: [Self.signature(Self.body)], body: Self.body)
      #expect(answer.status == 200)
      let listed = try await s.send(.GET, "/_sandbox/webhooks").object
      #expect(listed["count"] as? Int == 1)
      let arrival = try #require((listed["arrivals"] as? [[String: Any]])?.first)
      #expect(arrival["signature"] as? String == "valid")
      #expect(arrival["eventId"] as? String == "ev-1")
      #expect(arrival["type"] as? String == "verification.finished")
      #expect(arrival["jobId"] as? Int == 17)
      #expect(arrival["sequence"] as? Int == 4)
      #expect(arrival["fault"] == nil)
      // Deliveries are not provider calls.
      let counters = try await s.send(.GET, "/_sandbox/counters").object
      #expect(counters["requestsTotal"] as? Int == 0)
    }
  }

  @Test func aWrongSecretAChangedBodyAnOldTimestampOrNoHeaderIsRefused() async throws {
    try await withRawSandbox { s in
      // An hour off either way: far from the 300 s tolerance however slow this machine is (the
      // boundary itself is WebhookSignatureTests', on a fixed clock).
      let cases: [(headers: [(String, String)], body: String, verdict: String)] = [
        ([Self.signature(Self.body, secret: "wrong")], Self.body, "mismatch"),
        ([Self.signature(Self.body)], Self.body + " ", "mismatch"),
        ([Self.signature(Self.body, age: 3600)], Self.body, "stale"),
        ([Self.signature(Self.body, age: -3600)], Self.body, "stale"),
        ([], Self.body, "missing"),
        ([("Verifierd-Signature", "v1=00")], Self.body, "malformed"),
        ([("Verifierd-Signature", "t=-9223372036854775808,v1=00")], Self.body, "stale"),
      ]
      for (headers, body, verdict) in cases {
        let answer = try await s.send(.POST, "/_sandbox/webhooks", headers: headers, body: body)
        #expect(answer.status == 400)
        #expect(answer.object["error"] as? String == "signature \(verdict)")
      }
      let arrivals = try await s.send(.GET, "/_sandbox/webhooks").object["arrivals"]
      #expect(
        (arrivals as? [[String: Any]])?.map { $0["signature"] as? String } == cases.map(\.verdict))
    }
  }

  @Test func aBodyOverTheLimitIsRefusedAsTooLargeNotAsAMismatch() async throws {
    try await withRawSandbox { s in
      let body = String(repeating: "x", count: 1_048_577)
      let answer = try await s.send(
        .POST, "/_sandbox/webhooks", headers: [Self.signature(body)], body: body)
      #expect(answer.status == 400)
      #expect(answer.object["error"] as? String == "body larger than 1048576 bytes")
      let arrivals = try await s.send(.GET, "/_sandbox/webhooks").object["arrivals"]
      #expect((arrivals as? [[String: Any]])?.first?["signature"] as? String == "tooLarge")
    }
  }

  @Test func faultsAnswerWithServerErrorsAndResetClearsEverything() async throws {
    try await withRawSandbox { s in
      let set = try await s.send(
        .PUT, "/_sandbox/webhooks/faults",
        body: #"{"serverErrorFraction":1,"serverErrorStatus":502}"#)
      #expect(set.object["serverErrorFraction"] as? Double == 1)
      let answer = try await s.send(
        .POST, "/_sandbox/webhooks", headers: [Self.signature(Self.body)], body: Self.body)
      #expect(answer.status == 502)
      let arrival = try await s.send(.GET, "/_sandbox/webhooks").object["arrivals"]
      #expect((arrival as? [[String: Any]])?.first?["fault"] as? String == "serverError")
      let bad = try await s.send(.PUT, "/_sandbox/webhooks/faults", body: #"{"hangFraction":2}"#)
      #expect(bad.status == 400)
      _ = try await s.send(.POST, "/_sandbox/reset")
      #expect(try await s.send(.GET, "/_sandbox/webhooks").object["count"] as? Int == 0)
      let faults = try await s.send(.GET, "/_sandbox/webhooks/faults").object
      #expect(faults["serverErrorFraction"] as? Double == 0)
      let cleared = try await s.send(
        .POST, "/_sandbox/webhooks", headers: [Self.signature(Self.body)], body: Self.body)
      #expect(cleared.status == 200)
      #expect(try await s.send(.DELETE, "/_sandbox/webhooks").object["cleared"] as? Int == 1)
    }
  }
}
