import Foundation
import JobQueue

/// A fresh database on the test server (`DATABASE_URL`), dropped afterwards.
public struct TestDatabase: Sendable {
  public let name: String
  public let configuration: PGConfiguration

  public static var serverURL: String {
    get throws {
      guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
        throw TestSetupError("DATABASE_URL is not set: run the tests with scripts/test")
      }
      return url
    }
  }

  /// Creates a database, optionally migrated, runs `body`, and drops it.
  public static func with<T>(
    migrated: Bool = true, _ body: (TestDatabase) async throws -> T
  ) async throws -> T {
    try await with(serverURL: try serverURL, migrated: migrated, body)
  }

  public static func with<T>(
    serverURL: String, migrated: Bool = true, _ body: (TestDatabase) async throws -> T
  ) async throws -> T {
    let admin = PGConnection(configuration: PGConfiguration(connectionString: serverURL))
    let name =
      "vt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    try await admin.query("CREATE DATABASE \(name)", operation: "create test database")
    let database = TestDatabase(
      name: name,
      configuration: PGConfiguration(connectionString: Self.url(serverURL, database: name)))
    do {
      if migrated {
        try await Migrator(connection: PGConnection(configuration: database.configuration))
          .migrate()
      }
      let value = try await body(database)
      _ = try? await admin.query(
        "DROP DATABASE \(name) WITH (FORCE)", operation: "drop test database")
      return value
    } catch {
      _ = try? await admin.query(
        "DROP DATABASE \(name) WITH (FORCE)", operation: "drop test database")
      throw error
    }
  }

  /// `url` with its database name replaced.
  public static func url(_ url: String, database: String) -> String {
    var components = URLComponents(string: url)!
    components.path = "/" + database
    return components.string!
  }

  /// A new connection to this database.
  public func connect() -> PGConnection {
    PGConnection(configuration: configuration)
  }

  /// Runs one statement on a new connection.
  @discardableResult
  public func run(_ sql: String, _ parameters: [(any PGEncodable)?] = []) async throws -> PGResult {
    try await connect().query(sql, parameters, operation: "test")
  }
}

public struct TestSetupError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// Valid insert values for Finicity jobs.
public enum Sample {
  /// Routing numbers that pass the ABA checksum.
  public static let routing = "021000021"
  public static let otherRouting = "011000015"

  /// Inserts `count` due Finicity jobs in one statement (distinct customers).
  public static func insertFinicityJobs(
    _ count: Int, into database: TestDatabase, prefix: String = "c"
  )
    async throws
  {
    try await database.run(
      """
      INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type)
      SELECT 'finicity', $1 || g, 'Customer ' || g, $2, lpad(g::text, 8, '0'), 'personalChecking'
        FROM generate_series(1, $3::int) AS g
      """, [prefix, routing, count])
  }
}
