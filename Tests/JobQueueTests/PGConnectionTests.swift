import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("libpq connection")
struct PGConnectionTests {
  @Test("typed columns round-trip through parameters")
  func typedRoundTrip() async throws {
    let connection = PGConnection(
      configuration: PGConfiguration(connectionString: try TestDatabase.serverURL))
    let id = UUID()
    let date = Date(timeIntervalSince1970: 1_763_700_000.123456)
    let result = try await connection.query(
      "SELECT $1::bigint AS big, $2::text AS t, $3::boolean AS b, $4::uuid AS u, $5::timestamptz AS ts, NULL::text AS n",
      [Int64(9_007_199_254_740_993), "héllo \"quoted\"", true, id, date], operation: "round trip")
    let row = result[0]
    #expect(try row.decode("big", as: Int64.self) == 9_007_199_254_740_993)
    #expect(try row.decode("t", as: String.self) == "héllo \"quoted\"")
    #expect(try row.decode("b", as: Bool.self))
    #expect(try row.decode("u", as: UUID.self) == id)
    let back = try row.decode("ts", as: Date.self)
    #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
    #expect(try row.decodeIfPresent("n", as: String.self) == nil)
  }

  @Test("arrays keep quotes, backslashes, commas and NULLs")
  func arrays() async throws {
    let connection = PGConnection(
      configuration: PGConfiguration(connectionString: try TestDatabase.serverURL))
    let values: [String?] = [
      "a,b", "quo\"te", "back\\slash", nil, "{brace}", "", "NULL", "é\"ü\\中文 😀", " x ",
    ]
    let result = try await connection.query(
      "SELECT x, ord FROM unnest($1::text[]) WITH ORDINALITY AS u(x, ord) ORDER BY ord",
      [PGArray(values)], operation: "array round trip")
    #expect(try result.rows.map { try $0.decodeIfPresent("x", as: String.self) } == values)
  }

  @Test("reading NULL, a missing column or a wrong type names the column")
  func decodingErrors() async throws {
    let connection = PGConnection(
      configuration: PGConfiguration(connectionString: try TestDatabase.serverURL))
    let row = try await connection.query(
      "SELECT NULL::int AS empty, 'x'::text AS word", operation: "decode")[0]
    let null = #expect(throws: PGError.self) { try row.decode("empty", as: Int.self) }
    #expect(null?.kind == .decoding)
    #expect(null?.message.contains("\"empty\" is NULL") == true)
    let wrongType = #expect(throws: PGError.self) { try row.decode("word", as: Int.self) }
    #expect(wrongType?.message.contains("\"word\" has type text") == true)
    let missing = #expect(throws: PGError.self) { try row.decode("nope", as: Int.self) }
    #expect(missing?.message.contains("no column \"nope\"") == true)
  }

  @Test("server errors carry SQLSTATE and never a parameter value")
  func serverErrorIsScrubbed() async throws {
    let connection = PGConnection(
      configuration: PGConfiguration(connectionString: try TestDatabase.serverURL))
    let secret = "acct-4111111111111111"
    let error = await #expect(throws: PGError.self) {
      try await connection.query("SELECT $1::integer", [secret], operation: "cast secret")
    }
    #expect(error?.sqlState == "22P02")
    #expect(error?.operation == "cast secret")
    #expect(error?.kind == .server)
    let text = String(describing: error)
    #expect(text.contains("invalid input syntax"))
    #expect(!text.contains(secret))
    #expect(!text.contains("4111111111111111"))
  }

  @Test("a failed connect reports the server, never the password")
  func connectErrorHidesPassword() async throws {
    let connection = PGConnection(
      configuration: PGConfiguration(
        connectionString: "postgresql://someone:s3cr3t-pw@127.0.0.1:1/nowhere",
        reconnect: Backoff(initial: .milliseconds(1), maximum: .milliseconds(1), attempts: 1)))
    let error = await #expect(throws: PGError.self) {
      try await connection.query("SELECT 1", operation: "probe")
    }
    #expect(error?.kind == .connection)
    #expect(error?.isConnectionProblem == true)
    #expect(!String(describing: error).contains("s3cr3t-pw"))
    #expect(String(describing: error).contains("127.0.0.1"))
  }

  @Test("a transaction commits on success and rolls back when the body throws")
  func transactions() async throws {
    try await TestDatabase.with(migrated: false) { database in
      let connection = database.connect()
      try await connection.query("CREATE TABLE t (v int)", operation: "setup")
      try await connection.withTransaction {
        try $0.query("INSERT INTO t VALUES (1)", operation: "insert")
      }
      await #expect(throws: TestSetupError.self) {
        try await connection.withTransaction { session -> Void in
          try session.query("INSERT INTO t VALUES (2)", operation: "insert")
          throw TestSetupError("abort")
        }
      }
      await #expect(throws: PGError.self) {
        try await connection.withTransaction {
          try $0.query("INSERT INTO t VALUES ('x')", operation: "insert")
        }
      }
      let values = try await connection.query("SELECT v FROM t ORDER BY v", operation: "read")
      #expect(try values.rows.map { try $0.decode("v", as: Int.self) } == [1])
      // The connection is still usable and not left inside a transaction.
      let idle = try await connection.query("SELECT count(*) AS n FROM t", operation: "read")
      #expect(try idle[0].decode("n", as: Int.self) == 1)
    }
  }
}
