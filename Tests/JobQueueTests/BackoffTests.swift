import Foundation
import JobQueue
import Logging
import Testing

@Suite("reconnect backoff")
struct BackoffTests {
  @Test(
    "waiting out the reconnect backoff holds neither the connection's queue nor a cancelled caller"
  )
  func backoffWaitsOffTheQueue() async throws {
    let (failures, failed) = AsyncStream.makeStream(of: Void.self)
    var logger = Logger(label: "test.pg") { _ in
      MessageHook { message in
        if message == "database connect failed" { failed.yield() }
      }
    }
    logger.logLevel = .debug
    // Nothing listens on port 1, so each attempt fails at once; the backoff between attempts is
    // up to a minute.
    let connection = PGConnection(
      configuration: PGConfiguration(
        connectionString: "postgresql://nobody@127.0.0.1:1/nowhere",
        reconnect: Backoff(initial: .seconds(60), maximum: .seconds(60), attempts: 3)),
      logger: logger)
    let caller = Task { try await connection.query("SELECT 1", operation: "probe") }
    var attempts = failures.makeAsyncIterator()
    await attempts.next()
    // The caller now waits out its backoff; the queue must answer meanwhile.
    let clock = ContinuousClock()
    let start = clock.now
    #expect(await connection.connectCount == 0)
    #expect(clock.now - start < .seconds(30))
    caller.cancel()
    let result = await caller.result
    #expect(clock.now - start < .seconds(30))
    guard case .failure(let error) = result else {
      Issue.record("the query succeeded without a server")
      return
    }
    #expect((error as? PGError)?.kind == .connection, "the connect error, not \(error)")
  }
}
