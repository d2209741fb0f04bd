import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("keyed account fingerprints", .timeLimit(.minutes(1)))
struct FingerprintTests {
  static let unkeyed =
    "encode(sha256(convert_to(routing_number || ':' || account_number, 'UTF8')), 'hex')"

  @Test(
    "the SQL HMAC-SHA-256 gives RFC 4231's answers",
    arguments: [
      (
        "decode(repeat('0b', 20), 'hex')", "'Hi There'",
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
      ),
      (
        "convert_to('Jefe', 'UTF8')", "'what do ya want for nothing?'",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
      ),
      (
        "decode(repeat('aa', 131), 'hex')",
        "'Test Using Larger Than Block-Size Key - Hash Key First'",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
      ),
    ])
  func hmacVectors(key: String, data: String, expected: String) async throws {
    try await TestDatabase.with { database in
      let mac = try await database.run(
        "SELECT encode(verifier.hmac_sha256(\(key), convert_to(\(data), 'UTF8')), 'hex') AS h")
      #expect(try mac[0].decode("h", as: String.self) == expected)
    }
  }

  @Test("the stored key is keyed: not the plain SHA-256, and different in another database")
  func keyedPerDatabase() async throws {
    var keys: [String] = []
    for _ in 0..<2 {
      try await TestDatabase.with { database in
        try await database.run(
          "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
          [Sample.routing])
        let row = try await database.run(
          "SELECT account_key, \(Self.unkeyed) AS plain, verifier.account_fingerprint(\(Self.unkeyed)) AS keyed FROM verifier.jobs"
        )[0]
        let key = try row.decode("account_key", as: String.self)
        #expect(key != (try row.decode("plain", as: String.self)))
        #expect(key == (try row.decode("keyed", as: String.self)))
        #expect(key.count == 64)
        keys.append(key)
      }
    }
    #expect(keys[0] != keys[1], "two databases share a fingerprint key")
  }

  @Test("migrating re-keys existing rows, and the live-job rule still holds across the re-key")
  func rekeyedByMigration() async throws {
    try await TestDatabase.with(migrated: false) { database in
      let before = Array(Migration.all.prefix { $0.version < 4 })
      try await Migrator(connection: database.connect(), migrations: before).migrate()
      try await database.run(
        "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
        [Sample.routing])
      let old = try await database.run("SELECT account_key FROM verifier.jobs")[0]
        .decode("account_key", as: String.self)
      try await Migrator(connection: database.connect()).migrate()
      let row = try await database.run(
        "SELECT account_key, verifier.account_fingerprint($1) AS expected FROM verifier.jobs",
        [old])[0]
      let new = try row.decode("account_key", as: String.self)
      #expect(new != old)
      #expect(new == (try row.decode("expected", as: String.self)))
      // The same account inserted after the migration meets the re-keyed live job.
      try await database.run("UPDATE verifier.jobs SET account_number = NULL")
      let error = await #expect(throws: PGError.self) {
        try await database.run(
          "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
          [Sample.routing])
      }
      #expect(error?.sqlState == "23505")
    }
  }

  /// Runs `sql` as `role` and returns the SQLSTATE and detail of its error, as the server raised
  /// them (before the client withholds details that echo rows).
  static func rawError(_ database: TestDatabase, role: String?, _ sql: String) async throws
    -> (state: String, detail: String)
  {
    try await database.connect().withSession { session in
      try session.execute(
        """
        CREATE FUNCTION pg_temp.raw_error(statement text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE state text; detail text;
        BEGIN
          EXECUTE statement;
          RETURN 'none';
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
          RETURN state || ' ' || detail;
        END $$
        """, operation: "create raw_error")
      if let role { try session.execute("SET ROLE \(role)", operation: "become \(role)") }
      let text = try session.query(
        "SELECT pg_temp.raw_error($1) AS e", [sql], operation: "raw error")[0]
        .decode("e", as: String.self)
      let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
  }

  @Test("a daemon's failed CHECK or unique index prints no row to the client or the server's log")
  func noRowInErrors() async throws {
    try await TestDatabase.with { database in
      try await database.run(
        "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
        [Sample.routing])
      try await database.run(
        "UPDATE verifier.jobs SET state = 'canceled', outcome = 'canceled', finished_at = now()")
      try await database.run(
        "SELECT verifier.enqueue_finicity('c1', 'Jane', $1, '12345678', 'personalChecking')",
        [Sample.routing])
      let check = "UPDATE verifier.jobs SET state = 'bogus' WHERE id = 2"
      let unique =
        "UPDATE verifier.jobs SET state = 'queued', outcome = NULL, finished_at = NULL WHERE id = 1"
      // The owner sees the rows (so this test can tell)...
      let owner = try await Self.rawError(database, role: nil, check)
      #expect(owner.state == "23514")
      #expect(owner.detail.contains("12345678"))
      let ownerUnique = try await Self.rawError(database, role: nil, unique)
      #expect(ownerUnique.state == "23505")
      #expect(ownerUnique.detail.contains("Key ("))
      // ...the daemon's role does not.
      for sql in [check, unique] {
        let daemon = try await Self.rawError(database, role: "verifier_daemon", sql)
        #expect(["23514", "23505"].contains(daemon.state))
        #expect(daemon.detail.isEmpty, "\(sql): \(daemon.detail)")
      }
    }
  }

  @Test(
    "neither the daemon nor an application can read the fingerprint key or compute fingerprints",
    arguments: ["verifier_daemon", "verifier_app"])
  func keyIsTheOwners(role: String) async throws {
    try await TestDatabase.with { database in
      for sql in [
        "SELECT * FROM verifier.fingerprint_key",
        "SELECT verifier.account_fingerprint('x')",
        "UPDATE verifier.fingerprint_key SET inner_pad = '\\x00'",
      ] {
        let error = try await Self.rawError(database, role: role, sql)
        #expect(error.state == "42501", "\(role): \(sql) gave \(error)")
      }
    }
  }
}
