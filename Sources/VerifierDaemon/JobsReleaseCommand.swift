import ArgumentParser
import Foundation
import JobQueue

/// `verifierd jobs release ID`: release a job a fraud rule held.
struct JobsReleaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "release",
    abstract: "Release a job a fraud rule held, so a daemon initiates it.",
    discussion: """
      Only a job in state held is released (docs/fraud.md). The daemon that claims it next \
      initiates it without screening it again; the rule that held it stays in policy_rule and \
      the job's history. To stop it instead, use `verifierd jobs cancel ID`.
      """)

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "The job id.") var id: Int64

  func run() async throws {
    let result = try await database.perform("jobs release") {
      try await JobAdmin(connection: $0).release(jobID: id)
    }
    try JobsCommand.report(result, jobID: id, done: "released; a daemon initiates it")
  }
}
