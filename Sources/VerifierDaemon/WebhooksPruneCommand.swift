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
  @OptionGroup var prune: PruneOptions

  func run() async throws {
    let count = try await database.perform("webhooks prune") {
      try await OutboxAdmin(connection: $0).prune(
        createdBefore: prune.cutoff, batchSize: prune.batchSize, dryRun: prune.dryRun)
    }
    print(prune.dryRun ? "would delete \(count) deliveries" : "deleted \(count) deliveries")
  }
}
