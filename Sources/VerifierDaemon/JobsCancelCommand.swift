import ArgumentParser
import Foundation
import JobQueue

/// `verifierd jobs cancel ID`: cancel a live job.
struct JobsCancelCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Ask the daemons to cancel a live job that no daemon holds right now.",
    discussion: """
      Records the request and makes the job due; the daemon that claims it next finishes it as \
      canceled (its submissions settled, its prompts cancelled, verifier_finished sent).
      """)

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "The job id.") var id: Int64

  func run() async throws {
    let result = try await database.perform("jobs cancel") {
      try await JobAdmin(connection: $0).cancel(jobID: id)
    }
    try JobsCommand.report(result, jobID: id, done: "cancel requested; a daemon finishes it")
  }
}
