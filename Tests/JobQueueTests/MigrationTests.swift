import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("migrations")
struct MigrationTests {
  /// Every table, column, index, function, trigger and grant of schema verifier, as text.
  static func schemaFingerprint(_ database: TestDatabase) async throws -> String {
    let result = try await database.run(
      """
      SELECT string_agg(item, E'\\n' ORDER BY item) AS fingerprint FROM (
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '')
          FROM information_schema.columns WHERE table_schema = 'verifier'
        UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'verifier'
        UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'verifier'
        UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'verifier' AND NOT tgisinternal
        UNION ALL SELECT 'grant ' || grantee || ' ' || table_name || ' ' || privilege_type
          FROM information_schema.table_privileges WHERE table_schema = 'verifier'
        UNION ALL SELECT 'column grant ' || grantee || ' ' || table_name || '.' || column_name || ' ' || privilege_type
          FROM information_schema.column_privileges WHERE table_schema = 'verifier' AND grantee LIKE 'verifier%'
        UNION ALL SELECT 'migration ' || version || ' ' || checksum FROM verifier.schema_migrations
      ) AS items(item)
      """)
    return try result[0].decode("fingerprint")
  }

  @Test("migrating twice changes nothing the second time")
  func idempotent() async throws {
    try await TestDatabase.with(migrated: false) { database in
      let migrator = Migrator(connection: database.connect())
      #expect(try await migrator.isCurrent() == false)
      #expect(try await migrator.migrate() == Migration.all.map(\.version))
      let first = try await Self.schemaFingerprint(database)
      #expect(try await migrator.migrate().isEmpty)
      #expect(try await Self.schemaFingerprint(database) == first)
      #expect(try await migrator.isCurrent())
      #expect(first.contains("index jobs_due"))
    }
  }

  @Test("two migrations started together produce the same schema without error")
  func concurrent() async throws {
    try await TestDatabase.with(migrated: false) { database in
      async let first = Migrator(connection: database.connect()).migrate()
      async let second = Migrator(connection: database.connect()).migrate()
      let applied = try await [first, second]
      #expect(applied.flatMap { $0 }.sorted() == Migration.all.map(\.version))
      let concurrentSchema = try await Self.schemaFingerprint(database)
      let referenceSchema = try await TestDatabase.with(migrated: true) { reference in
        try await Self.schemaFingerprint(reference)
      }
      #expect(referenceSchema == concurrentSchema)
    }
  }

  @Test("an applied migration that was edited is refused, not skipped")
  func editedMigrationRefused() async throws {
    try await TestDatabase.with { database in
      var edited = Migration.all
      edited[0].sql += "\n-- edited"
      let error = await #expect(throws: PGError.self) {
        try await Migrator(connection: database.connect(), migrations: edited).migrate()
      }
      #expect(error?.message.contains("was changed after it was applied") == true)
    }
  }

  @Test("every SQL file in Migrations is registered, in version order")
  func everyFileRegistered() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/JobQueue/Migrations").standardizedFileURL
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".sql")
    }.sorted()
    #expect(files.count == Migration.all.count)
    for (file, migration) in zip(files, Migration.all) {
      let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(sql == migration.sql, "\(file) is migration \(migration.version)")
      #expect(file.hasPrefix(String(format: "V%03d_", migration.version)))
    }
  }
}
