import ArgumentParser
import JobQueue
import Logging

/// `verifierd migrate`: creates or upgrades schema `verifier`.
struct MigrateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract:
      "Create or upgrade schema verifier (idempotent; safe to run from several hosts at once).",
    discussion: """
      Applies the migrations this build knows that the database lacks, each in its own transaction, \
      under an advisory lock. Exit status: 0 done (or nothing to do; with --check: up to date), \
      1 migrations pending (--check only), 69 the database could not be reached, 70 a migration \
      failed or the database does not match this build.
      """
  )

  @OptionGroup var database: DatabaseOptions

  @Flag(help: "Only report whether migrations are pending; change nothing.")
  var check = false

  func run() async throws {
    let connection = PGConnection(configuration: try await database.configuration("migrate"))
    let migrator = Migrator(connection: connection)
    do {
      if check {
        let current = try await migrator.isCurrent()
        let applied = try await migrator.appliedVersions()
        print(
          "schema verifier: \(current ? "up to date" : "migrations pending") (applied: \(Self.list(applied)))"
        )
        if !current { throw ExitCode(1) }
        return
      }
      let applied = try await migrator.migrate()
      let all = try await migrator.appliedVersions()
      if applied.isEmpty {
        print("schema verifier: up to date (version \(all.last ?? 0))")
      } else {
        print("schema verifier: applied \(Self.list(applied)); now at version \(all.last ?? 0)")
      }
    } catch let error as PGError {
      FileHandleStream.standardError.write("verifierd migrate: \(error)\n")
      throw ExitCode(error.isConnectionProblem ? 69 : 70)
    }
  }

  static func list(_ versions: [Int]) -> String {
    versions.isEmpty ? "none" : versions.map(String.init).joined(separator: ", ")
  }
}
