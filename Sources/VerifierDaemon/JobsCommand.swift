import ArgumentParser
import Foundation
import JobQueue

/// `verifierd jobs`: look at one job, make it due now, or cancel it.
struct JobsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs",
    abstract: "Show, retry or cancel one job.",
    discussion: """
      Exit status: 0 done, 1 refused (the job has finished, or a daemon holds it: try again when \
      its lease ends), 66 no such job, 69 database unreachable, 70 database error.
      """,
    subcommands: [
      JobsShowCommand.self, JobsRetryCommand.self, JobsCancelCommand.self, JobsReleaseCommand.self,
    ])

  /// Prints what became of a retry, cancel or release and exits with the documented status.
  static func report(_ result: JobAdmin.ActionResult, jobID: Int64, done: String) throws {
    switch result {
    case .done:
      print("job \(jobID): \(done)")
    case .notFound:
      FileHandleStream.standardError.write("job \(jobID): no such job\n")
      throw ExitCode(66)
    case .finished(let outcome):
      FileHandleStream.standardError.write(
        "job \(jobID): already finished (\(outcome ?? "no outcome")); enqueue a new verification instead\n"
      )
      throw ExitCode(1)
    case .held(let owner, let until):
      FileHandleStream.standardError.write(
        "job \(jobID): held by daemon \(owner) until \(OperatorOutput.format(until)); try again then\n"
      )
      throw ExitCode(1)
    case .notHeldByPolicy(let state):
      FileHandleStream.standardError.write(
        "job \(jobID): not held by a fraud rule (state \(state)); nothing to release\n")
      throw ExitCode(1)
    }
  }
}
