import ArgumentParser
import Foundation

/// The options every pruning command shares: how old, in batches of how many, or only counting.
struct PruneOptions: ParsableArguments {
  @Option(help: "Age of what to delete: a number with s, m, h or d (for example 90d).")
  var olderThan: Age

  @Option(help: "Rows deleted per statement.")
  var batchSize = 1000

  @Flag(help: "Only count what would be deleted.")
  var dryRun = false

  func validate() throws {
    guard batchSize >= 1, batchSize <= 100_000 else {
      throw ValidationError("--batch-size must be between 1 and 100000")
    }
  }

  /// The instant before which things are old enough.
  var cutoff: Date { Date().addingTimeInterval(-olderThan.seconds) }
}
