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

  @Option(help: "Age of finished jobs to delete: a number with s, m, h or d (for example 90d).")
  var olderThan: Age

  @Option(help: "Jobs deleted per transaction.")
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
    let count = try await database.perform("prune") {
      try await JobAdmin(connection: $0).prune(
        finishedBefore: cutoff, batchSize: batchSize, dryRun: dryRun)
    }
    print(dryRun ? "would delete \(count) finished jobs" : "deleted \(count) finished jobs")
  }
}
