import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

@Suite("Wake-ups: NOTIFY and the backstop poll", .serialized)
struct WakeupTests {
  @Test("a job inserted by plain SQL from another connection reaches the sandbox without the poll")
  func notifyWakes() async throws {
    try await withStack { stack in
      var configuration = stack.configuration()
      configuration.pollInterval = .seconds(3600)
      try await withRuntime(configuration) { runtime in
        // The daemon claims once at start; insert only after that, so only NOTIFY can wake it.
        try await stack.waitFor("the first claim") { await runtime.claimRounds >= 1 }
        try await stack.database.run(
          """
          INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type)
          VALUES ('finicity', '1005061234', 'Jane Doe', '021000021', '77700000', 'personalChecking')
          """)
        try await stack.waitFor("the initiate call") {
          try await stack.counter("finicityInitiateRequests") == 1
        }
      }
    }
  }

  @Test("poll-only mode (no LISTEN) carries a job through on the timer alone")
  func pollOnly() async throws {
    try await withStack { stack in
      var configuration = stack.configuration()
      configuration.listen = false
      configuration.pollInterval = .milliseconds(200)
      try await stack.database.run("UPDATE verifier.settings SET notify_wakeups = false")
      let customer = try await Customer.start(stack)
      let id = try await stack.insertFinicity(account: "77700010", ref: "right")
      try await withRuntime(configuration) { _ in
        try await stack.waitUntilFinished([id])
      }
      await customer.stop()
      #expect(try await stack.job(id).state == "verified")
    }
  }
}
