import Foundation
import JobQueue
import TestSupport
import Testing
import Verification
import VerifierRuntime
import Webhooks

@Suite("Webhooks when things go wrong: a daemon killed mid-delivery, a receiver that stays down")
struct WebhookFailureTests {
  @Test("a daemon SIGKILLed mid-delivery loses nothing: the event is delivered again, same id")
  func killedMidDelivery() async throws {
    try await withStack { stack in
      // Every delivery hangs: the first daemon's POST is in flight when it dies.
      try await stack.control(
        "PUT", "/_sandbox/webhooks/faults", ["hangFraction": 1.0, "hangMs": 60_000])
      let webhooks: [String: Any] = [
        "lease_seconds": 7, "poll_interval_seconds": 0.1,
        "endpoints": [
          "app": [
            "url": stack.sandbox.baseURL + "/_sandbox/webhooks",
            "events": ["verification.initiated"], "timeout_seconds": 3,
          ]
        ],
      ]
      let config = try DaemonProcess.configFile(stack, ["webhooks": webhooks])
      let secret = ["VERIFIERD_WEBHOOKS_ENDPOINTS_APP_SECRET": "sandbox-webhook-secret"]
      let first = try DaemonProcess.start(config: config, environment: secret)
      let id = try await stack.insertFinicity(account: "55500001")
      try await stack.waitFor("the delivery in flight") {
        try await WebhookFlowTests.arrivals(stack).count == 1
      }
      first.send(SIGKILL)
      #expect(await first.wait().status == 128 + SIGKILL)
      try await stack.control("PUT", "/_sandbox/webhooks/faults", [:])
      let second = try DaemonProcess.start(config: config, environment: secret)
      try await stack.waitFor("the delivery made again") {
        try await WebhookFlowTests.outbox(stack).first?.status == "delivered"
      }
      try await stack.waitUntilFinished([id])
      second.send(SIGTERM)
      _ = await second.wait()
      let rows = try await WebhookFlowTests.outbox(stack)
      #expect(rows.count == 1)
      let arrivals = try await WebhookFlowTests.arrivals(stack)
      #expect(arrivals.map(\.fault) == ["hang", nil])
      #expect(arrivals.map(\.eventID) == [rows[0].eventID, rows[0].eventID], "the same event id")
      #expect(arrivals.allSatisfy { $0.signature == "valid" })
      let attempts = try await stack.database.run("SELECT attempts FROM verifier.outbox")
      #expect(try attempts[0].decode("attempts", as: Int.self) == 2)
    }
  }

  @Test("a receiver down past the window: every delivery dead with an alert; the flow goes on")
  func receiverStaysDown() async throws {
    try await withStack { stack in
      try await stack.control("PUT", "/_sandbox/webhooks/faults", ["serverErrorFraction": 1.0])
      let id = try await stack.insertFinicity(account: "55500001")
      var configuration = WebhookFlowTests.configuration(stack, window: .milliseconds(500))
      configuration.webhooks.policy = WebhookRetryPolicy(
        window: .milliseconds(500), initial: .milliseconds(50), maximum: .milliseconds(100))
      let recorded = MetricsTests.Recorded()
      try await withRuntime(configuration, metrics: recorded.metrics) { _ in
        try await stack.waitUntilFinished([id])
        try await stack.waitFor("every delivery dead") {
          let rows = try await WebhookFlowTests.outbox(stack)
          return rows.count == 2 && rows.allSatisfy { $0.status == "dead" }
        }
      }
      #expect(try await stack.job(id).state == "returned", "delivery never held the flow back")
      #expect(
        recorded.value(#"verifierd_webhook_deliveries_total{endpoint="app",result="dead"}"#) == 2)
      let sampler = QueueMetricsSampler(
        database: stack.database.configuration, metrics: recorded.metrics)
      try await sampler.sample()
      #expect(recorded.value(#"verifierd_webhook_dead{endpoint="app"}"#) == 2)
      #expect(recorded.value(#"verifierd_webhook_backlog{endpoint="app"}"#) == 0)
      #expect(recorded.value(#"verifierd_webhook_oldest_pending_seconds{endpoint="app"}"#) == 0)
      let rows = try await stack.database.run(
        "SELECT attempts, last_status, last_error FROM verifier.outbox ORDER BY sequence")
      // How many attempts fit in the window depends on the machine's load; what must hold is
      // that every attempt but each delivery's last was a retry, and the error counts them.
      var attempts = 0
      for row in rows.rows {
        let made = try row.decode("attempts", as: Int.self)
        attempts += made
        #expect(made >= 1)
        #expect(try row.decode("last_status", as: Int.self) == 503)
        let error: String = try row.decode("last_error")
        #expect(error.hasPrefix("the retry window passed after \(made) attempt"), "\(error)")
        #expect(error.hasSuffix("; last: HTTP 503"), "\(error)")
      }
      #expect(
        (recorded.value(#"verifierd_webhook_deliveries_total{endpoint="app",result="retry"}"#)
          ?? 0) == Double(attempts - rows.count))
      let alerts = try await stack.database.run(
        """
        SELECT message FROM verifier.events WHERE job_id = $1 AND kind = 'alert' ORDER BY id
        """, [id])
      #expect(alerts.rows.count == 2)
      #expect(
        try alerts.rows.map { try $0.decode("message", as: String.self) }.allSatisfy {
          $0.contains(" to app is dead: the retry window passed")
        })
    }
  }
}
