import Foundation
import JobQueue
import TestSupport
import Testing

@Suite(
  "surviving a PostgreSQL restart", .serialized, .timeLimit(.minutes(2)),
  .enabled(if: ThrowawayServer.script != nil, "needs scripts/test's throwaway server script"))
struct ReconnectTests {
  @Test("restart the server under an open connection: the next operation reconnects and succeeds")
  func connectionSurvivesRestart() async throws {
    let server = try ThrowawayServer.start()
    defer { server.stop() }
    let connection = PGConnection(configuration: PGConfiguration(connectionString: server.url))
    let before = try await connection.query("SELECT pg_backend_pid() AS pid", operation: "probe")[0]
      .decode("pid", as: Int.self)
    #expect(await connection.connectCount == 1)
    try server.restart()
    let after = try await connection.query("SELECT pg_backend_pid() AS pid", operation: "probe")[0]
      .decode("pid", as: Int.self)
    #expect(after != before)
    #expect(await connection.connectCount == 2)
  }

  @Test("a listener reconnects after a restart, says so, and hears later inserts")
  func listenerSurvivesRestart() async throws {
    let server = try ThrowawayServer.start()
    defer { server.stop() }
    try await TestDatabase.with(serverURL: server.url) { database in
      let recorder = EventRecorder()
      let listener = PGListener(
        configuration: PGConfiguration(
          connectionString: database.configuration.connectionString,
          reconnect: Backoff(initial: .milliseconds(20), maximum: .milliseconds(200), attempts: 1)),
        channels: ["verifier_jobs"]
      ) { recorder.record($0) }
      try await listener.start()
      try server.restart()
      await recorder.wait { $0.contains(.reconnected) }
      try await Sample.insertFinicityJobs(1, into: database)
      await recorder.waitForNotification(on: "verifier_jobs")
      #expect(recorder.notifications(on: "verifier_jobs").count == 1)
      await listener.stop()
    }
  }
}
