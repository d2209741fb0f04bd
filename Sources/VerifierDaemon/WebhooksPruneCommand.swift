import ArgumentParser
import Foundation
import JobQueue

/// `verifierd webhooks prune`: delete old delivered and dead deliveries.
struct WebhooksPruneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Delete delivered and dead deliveries of events older than --older-than.",
    discussion: "Works in batches; pending deliveries are never touched.")

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Age of events to delete: a number with s, m, h or d (for example 30d).")
  var olderThan: Age

  @Option(help: "Deliveries deleted per statement.")
  var batchSize = 1000

  @Flag(help: "Only count what would be deleted.")
  var dryRun = false

  func validate() throws {
    guard batchSize >= 1, batchSize <= 100_000 else {
      throw ValidationError("--batch-size must be between 1 and 100000")
    }
  }

  func run() async throws {
    let cutoff = Date().addingTimeInterval(-olderThan.seconds)
    let count = try await database.perform("webhooks prune") {
      try await OutboxAdmin(connection: $0).prune(
        createdBefore: cutoff, batchSize: batchSize, dryRun: dryRun)
    }
    print(dryRun ? "would delete \(count) deliveries" : "deleted \(count) deliveries")
  }
}
