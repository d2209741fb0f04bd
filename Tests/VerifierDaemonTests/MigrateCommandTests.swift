import Foundation
import JobQueue
import TestSupport
import Testing

@Suite("verifierd migrate")
struct MigrateCommandTests {
  static var verifierd: String { ChildProcess.productsFolder + "/verifierd" }

  static func migrate(_ database: TestDatabase, _ extra: [String] = []) throws
    -> ChildProcess.Result
  {
    try ChildProcess.run(
      verifierd, ["migrate", "--database-url", database.configuration.connectionString!] + extra)
  }

  @Test("run twice: the second run changes nothing and says so")
  func twice() async throws {
    try await TestDatabase.with(migrated: false) { database in
      let pending = try Self.migrate(database, ["--check"])
      #expect(pending.status == 1)
      #expect(pending.output.contains("migrations pending"))
      let first = try Self.migrate(database)
      #expect(first.status == 0, "\(first.errors)")
      #expect(first.output.contains("applied 1"))
      let second = try Self.migrate(database)
      #expect(second.status == 0, "\(second.errors)")
      #expect(second.output.contains("up to date (version \(Migration.all.count))"))
      #expect(try Self.migrate(database, ["--check"]).status == 0)
      let recorded = try await database.run("SELECT count(*) AS n FROM verifier.schema_migrations")
      #expect(try recorded[0].decode("n", as: Int.self) == Migration.all.count)
    }
  }

  @Test("two processes started together: both succeed, the migration applies once")
  func concurrently() async throws {
    try await TestDatabase.with(migrated: false) { database in
      async let first = Task.detached { try Self.migrate(database) }.value
      async let second = Task.detached { try Self.migrate(database) }.value
      let results = try await [first, second]
      #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.errors))")
      #expect(results.filter { $0.output.contains("applied 1") }.count == 1)
      #expect(try await Migrator(connection: database.connect()).isCurrent())
    }
  }

  @Test("an unreachable database exits 69 without printing the password")
  func unreachable() throws {
    let result = try ChildProcess.run(
      Self.verifierd,
      [
        "migrate", "--database-url",
        "postgresql://someone:pa55-w0rd@127.0.0.1:1/none?connect_timeout=2",
      ])
    #expect(result.status == 69)
    #expect(result.errors.contains("verifierd migrate: connect failed"))
    #expect(!result.errors.contains("pa55-w0rd") && !result.output.contains("pa55-w0rd"))
  }
}
