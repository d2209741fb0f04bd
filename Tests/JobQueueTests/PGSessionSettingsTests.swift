import Foundation
import TestSupport
import Testing

@testable import JobQueue

#if canImport(Glibc)
  import Glibc
#endif

@Suite("connection settings: statement timeout and TCP keepalives")
struct PGSessionSettingsTests {
  static func configuration(
    statementTimeout: Duration? = PGConfiguration.defaultStatementTimeout,
    keepalives: PGConfiguration.Keepalives = .init(), url: String? = nil
  ) throws -> PGConfiguration {
    PGConfiguration(
      connectionString: try url ?? TestDatabase.serverURL, statementTimeout: statementTimeout,
      keepalives: keepalives)
  }

  static func statementTimeout(_ connection: PGConnection) async throws -> String {
    try await connection.query("SHOW statement_timeout", operation: "show")[0]
      .decode("statement_timeout", as: String.self)
  }

  @Test("every session gets the configured statement_timeout; nil leaves the server's")
  func statementTimeoutIsSet() async throws {
    #expect(
      try await Self.statementTimeout(PGConnection(configuration: Self.configuration())) == "30s")
    #expect(
      try await Self.statementTimeout(
        PGConnection(configuration: Self.configuration(statementTimeout: .milliseconds(1500))))
        == "1500ms")
    #expect(
      try await Self.statementTimeout(
        PGConnection(configuration: Self.configuration(statementTimeout: nil))) == "0")
  }

  @Test("a report connection plans without parallel workers; others keep the server's setting")
  func parallelWorkers() async throws {
    /// The session's setting, and the server's (what the session started with).
    func workers(_ configuration: PGConfiguration) async throws -> (session: String, server: String)
    {
      let connection = PGConnection(configuration: configuration)
      let shown = try await connection.query(
        """
        SELECT current_setting('max_parallel_workers_per_gather') AS session, reset_val AS server
          FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'
        """, operation: "show")
      await connection.close()
      return (try shown[0].decode("session"), try shown[0].decode("server"))
    }
    var report = try Self.configuration()
    report.withoutParallelWorkers = true
    #expect(try await workers(report).session == "0")
    let plain = try await workers(Self.configuration())
    #expect(plain.session == plain.server)
  }

  @Test("a limit is whole milliseconds rounded up, never down to none")
  func statementTimeoutRoundsUp() throws {
    // Checked on the SET itself: a live session with a 1-ms limit may time out its own SHOW.
    func sql(_ limit: Duration?) throws -> String? {
      try Self.configuration(statementTimeout: limit).statementTimeoutSQL
    }
    #expect(try sql(.microseconds(10)) == "SET statement_timeout = 1")
    #expect(try sql(.zero) == "SET statement_timeout = 1")
    #expect(try sql(.milliseconds(1500)) == "SET statement_timeout = 1500")
    #expect(try sql(.microseconds(1_500_001)) == "SET statement_timeout = 1501")
    #expect(try sql(nil) == nil)
  }

  @Test("a statement over the timeout fails with 57014, and the connection stays usable")
  func statementOverTheTimeoutFails() async throws {
    let connection = PGConnection(
      configuration: try Self.configuration(statementTimeout: .milliseconds(200)))
    let error = await #expect(throws: PGError.self) {
      try await connection.query("SELECT pg_sleep(5)", operation: "sleep")
    }
    #expect(error?.sqlState == "57014")
    #expect(error?.kind == .server)
    #expect(error?.isConnectionProblem == false)
    #expect(
      error?.description == "sleep failed [57014]: canceling statement due to statement timeout")
    let one = try await connection.query("SELECT 1 AS one", operation: "after")[0]
    #expect(try one.decode("one", as: Int.self) == 1)
    #expect(await connection.connectCount == 1)
  }

  @Test("a migration runs without the statement timeout, which is back afterwards")
  func migrationLiftsTheTimeout() async throws {
    try await TestDatabase.with(migrated: false) { database in
      var configuration = database.configuration
      // A second, not less: on a loaded machine a SHOW under a 100-ms limit has timed out itself.
      configuration.statementTimeout = .seconds(1)
      let connection = PGConnection(configuration: configuration)
      let slow = Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(1.5)")
      let applied = try await Migrator(connection: connection, migrations: [slow]).migrate()
      #expect(applied == [1])
      #expect(try await Self.statementTimeout(connection) == "1s")
      let error = await #expect(throws: PGError.self) {
        try await connection.query("SELECT pg_sleep(1.5)", operation: "sleep")
      }
      #expect(error?.sqlState == "57014")
    }
  }

  /// `getsockopt` of an integer option on the connection's socket.
  static func socketOption(_ connection: PGConnection, _ level: Int32, _ name: Int32) async throws
    -> Int32
  {
    try await connection.withSession { session in
      var value: Int32 = -1
      var length = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(session.socketDescriptor, level, name, &value, &length) == 0 else {
        throw TestSetupError("getsockopt \(level)/\(name) failed: errno \(errno)")
      }
      return value
    }
  }

  static func keepalives(_ connection: PGConnection) async throws -> [Int32] {
    let tcp = Int32(IPPROTO_TCP)
    return [
      try await socketOption(connection, SOL_SOCKET, SO_KEEPALIVE),
      try await socketOption(connection, tcp, TCP_KEEPIDLE),
      try await socketOption(connection, tcp, TCP_KEEPINTVL),
      try await socketOption(connection, tcp, TCP_KEEPCNT),
    ]
  }

  @Test("TCP keepalives are on the socket as configured; the connection string's win")
  func keepalivesOnTheSocket() async throws {
    let url = try TestDatabase.serverURL
    try #require(url.contains("127.0.0.1"), "the test server is reached over TCP")
    #expect(
      try await Self.keepalives(PGConnection(configuration: Self.configuration())) == [
        1, 30, 10, 3,
      ])
    let custom = PGConfiguration.Keepalives(idleSeconds: 17, intervalSeconds: 4, count: 5)
    #expect(
      try await Self.keepalives(PGConnection(configuration: Self.configuration(keepalives: custom)))
        == [1, 17, 4, 5])
    let separator = url.contains("?") ? "&" : "?"
    let overridden = PGConnection(
      configuration: try Self.configuration(
        keepalives: custom, url: url + separator + "keepalives_idle=23&keepalives_count=2"))
    #expect(try await Self.keepalives(overridden) == [1, 23, 4, 2])
  }
}
