import ArgumentParser
import Foundation
import JobQueue

/// `verifierd jobs retry ID`: make a waiting live job due now.
struct JobsRetryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Make a live job due now, skipping what is left of its backoff or poll wait.",
    discussion:
      "A finished job is never reopened (money may have moved): enqueue a new verification.")

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "The job id.") var id: Int64

  func run() async throws {
    let result = try await database.perform("jobs retry") {
      try await JobAdmin(connection: $0).retry(jobID: id)
    }
    try JobsCommand.report(result, jobID: id, done: "due now")
  }
}
