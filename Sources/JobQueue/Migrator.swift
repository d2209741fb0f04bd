import Logging

/// Creates and upgrades schema `verifier`, idempotently, under an advisory lock so that daemons
/// starting together do not race. Each migration runs in its own transaction and is recorded in
/// `verifier.schema_migrations` with its checksum. ``migrate()`` runs with no statement timeout.
public struct Migrator: Sendable {
  /// The advisory lock key (the ASCII bytes of "verifier").
  public static let lockKey: Int64 = 0x7665_7269_6669_6572

  let connection: PGConnection
  let migrations: [Migration]
  let logger: Logger

  /// Creates a migrator over `connection`.
  public init(
    connection: PGConnection, migrations: [Migration] = Migration.all,
    logger: Logger = Logger(label: "verifierd.migrate")
  ) {
    self.connection = connection
    self.migrations = migrations.sorted { $0.version < $1.version }
    self.logger = logger
  }

  /// Applies what is missing and returns the versions applied now (empty when up to date).
  /// Throws when an applied migration was edited, or the database is newer than this build.
  @discardableResult
  public func migrate() async throws -> [Int] {
    let migrations = self.migrations
    let applied = try await connection.withSession { session in
      // A migration may run long, and so may the wait for another daemon's migration: lift the
      // connection's statement timeout for this session, and put it back afterwards.
      let timeout = try session.query(
        "SELECT current_setting('statement_timeout') AS timeout",
        operation: "read statement timeout")[0].decode("timeout", as: String.self)
      try session.execute("SET statement_timeout = 0", operation: "lift statement timeout")
      defer {
        _ = try? session.query(
          "SELECT set_config('statement_timeout', $1, false)", [timeout],
          operation: "restore statement timeout")
      }
      try session.query(
        "SELECT pg_advisory_lock($1)", [Self.lockKey], operation: "take migration lock")
      defer {
        _ = try? session.query(
          "SELECT pg_advisory_unlock($1)", [Self.lockKey], operation: "release migration lock")
      }
      try session.execute(
        """
        CREATE SCHEMA IF NOT EXISTS verifier;
        CREATE TABLE IF NOT EXISTS verifier.schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          checksum text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """, operation: "create migrations table")
      let done = try Self.appliedChecksums(session)
      try Self.verify(done, against: migrations)
      var appliedNow: [Int] = []
      for migration in migrations where done[migration.version] == nil {
        try session.transaction { session in
          try session.execute(
            migration.sql, operation: "apply migration \(migration.version) \(migration.name)")
          try session.query(
            "INSERT INTO verifier.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            [migration.version, migration.name, migration.checksum], operation: "record migration")
        }
        appliedNow.append(migration.version)
      }
      return appliedNow
    }
    for version in applied {
      logger.debug("applied migration", metadata: ["version": "\(version)"])
    }
    return applied
  }

  /// The versions applied in the database, or an empty list when the schema does not exist yet.
  public func appliedVersions() async throws -> [Int] {
    try await connection.withSession { session in
      let exists = try session.query(
        "SELECT to_regclass('verifier.schema_migrations') IS NOT NULL AS present",
        operation: "read schema version")
      guard try exists[0].decode("present", as: Bool.self) else { return [] }
      return try Self.appliedChecksums(session).keys.sorted()
    }
  }

  /// Whether every known migration is applied and none has changed.
  public func isCurrent() async throws -> Bool {
    let migrations = self.migrations
    return try await connection.withSession { session in
      let exists = try session.query(
        "SELECT to_regclass('verifier.schema_migrations') IS NOT NULL AS present",
        operation: "read schema version")
      guard try exists[0].decode("present", as: Bool.self) else { return false }
      let done = try Self.appliedChecksums(session)
      try Self.verify(done, against: migrations)
      return migrations.allSatisfy { done[$0.version] != nil }
    }
  }

  static func appliedChecksums(_ session: PGSession) throws -> [Int: String] {
    let rows = try session.query(
      "SELECT version, checksum FROM verifier.schema_migrations",
      operation: "read applied migrations")
    var result: [Int: String] = [:]
    for row in rows.rows {
      result[try row.decode("version")] = try row.decode("checksum", as: String.self)
    }
    return result
  }

  static func verify(_ applied: [Int: String], against migrations: [Migration]) throws {
    let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
    for (version, checksum) in applied {
      guard let migration = known[version] else {
        throw PGError(
          kind: .server, operation: "migrate",
          message:
            "the database has migration \(version), which this verifierd does not know; upgrade verifierd"
        )
      }
      guard migration.checksum == checksum else {
        throw PGError(
          kind: .server, operation: "migrate",
          message:
            "migration \(version) (\(migration.name)) was changed after it was applied; restore it and add a new migration instead"
        )
      }
    }
  }
}
