import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

@Suite("Folio end to end, and cancelling", .serialized)
struct FolioFlowTests {
  @Test(
    "every Folio outcome: verified, wrong then verified, exhausted, expired, refused, unknown link")
  func everyOutcome() async throws {
    try await withStack { stack in
      let customer = try await Customer.start(stack)
      let cases: [(oid: String, ref: String, state: String)] = [
        ("BL-1", "right", "verified"), ("BL-2", "wrong1", "verified"),
        ("BL-3", "wrong2", "verified"), ("BL-4", "never", "attempts_exhausted"),
        ("BL-5", "silent", "expired"),
      ]
      var ids: [Int64] = []
      for item in cases { ids.append(try await stack.insertFolio(oid: item.oid, ref: item.ref)) }
      // The API user lacks the money-mover permission: an authentication failure, loud.
      let refused = try await stack.insertFolio(oid: "BL-6", ref: "right", owner: "no-money-mover")
      // A bank link Folio does not know for this account.
      let unknown = try await stack.insertFolio(oid: "BL-7", ref: "right", seed: false)
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitUntilFinished(ids + [refused, unknown])
      }
      await customer.stop()
      #expect(customer.failures.isEmpty)
      for (id, item) in zip(ids, cases) {
        #expect(try await stack.job(id).state == item.state, "\(item.ref)")
      }
      let refusedJob = try await stack.job(refused)
      #expect(refusedJob.state == "provider_failed")
      #expect(
        refusedJob.code == "banklink.api.user.needs.money.mover.or.better.permissions.for.account")
      let unknownJob = try await stack.job(unknown)
      #expect(unknownJob.state == "invalid_request")
      #expect(unknownJob.code == "banklink.not.owned.by.account")
      let alerts = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.events WHERE job_id = $1 AND kind = 'alert'", [refused])
      #expect(try alerts[0].decode("n", as: Int.self) == 1)
      let rows = try await stack.database.run(
        """
        SELECT string_agg(s.status || ':' || coalesce(s.attempts_remaining::text, '-'), ',' ORDER BY s.id) AS h
          FROM verifier.amount_submissions s WHERE s.job_id = $1
        """, [ids[3]])
      #expect(
        try rows[0].decode("h", as: String.self) == "mismatch:2,mismatch:1,attempts_exhausted:0")
      #expect(try await stack.counter("folioVerifyCalls") == 1 + 2 + 3 + 3 + 2)
    }
  }

  @Test("verifier.cancel on a job awaiting amounts ends it canceled and cancels its prompts")
  func cancel() async throws {
    try await withStack { stack in
      let id = try await stack.insertFolio(oid: "BL-9", ref: "silent")
      var configuration = stack.configuration()
      configuration.verification.folio.expiry = .seconds(3600)
      try await withRuntime(configuration) { _ in
        try await stack.waitFor("awaiting amounts") {
          try await stack.job(id).state == "awaiting_amounts"
        }
        let recorder = EventRecorder()
        let listener = PGListener(
          configuration: stack.database.configuration, channels: ["verifier_finished"]
        ) {
          recorder.record($0)
        }
        try await listener.start()
        try await stack.waitFor("cancel requested") {
          try await stack.database.run("SELECT verifier.cancel($1) AS ok", [id])[0].decode("ok")
        }
        try await stack.waitFor("cancelled by the daemon") {
          try await stack.job(id).state == "canceled"
        }
        await recorder.waitForNotification(on: "verifier_finished")
        let payload = try #require(recorder.notifications(on: "verifier_finished").first?.payload)
        #expect(payload.contains("\"outcome\" : \"canceled\""))
        #expect(payload.contains("\"external_ref\" : \"silent\""))
        await listener.stop()
      }
      #expect(try await stack.job(id).state == "canceled")
      let scheduled = try await stack.database.run(
        "SELECT count(*) AS n FROM verifier.prompts WHERE job_id = $1 AND status = 'scheduled'",
        [id])
      #expect(try scheduled[0].decode("n", as: Int.self) == 0)
    }
  }
}
