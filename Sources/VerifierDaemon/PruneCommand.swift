import ArgumentParser
import Foundation
import JobQueue

/// `verifierd prune`: delete old finished jobs and their history.
struct PruneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract:
      "Delete jobs finished longer ago than --older-than, with their submissions, prompts and events.",
    discussion: """
      Works in batches, each its own short transaction; live jobs are never touched. \
      Exit status: 0 done, 64 bad arguments, 69 database unreachable, 70 database error.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var prune: PruneOptions

  func run() async throws {
    let count = try await database.perform("prune") {
      try await JobAdmin(connection: $0).prune(
        finishedBefore: prune.cutoff, batchSize: prune.batchSize, dryRun: prune.dryRun)
    }
    print(prune.dryRun ? "would delete \(count) finished jobs" : "deleted \(count) finished jobs")
  }
}
