import ArgumentParser
import Foundation
import JobQueue

/// `verifierd jobs show ID`: the job and its history as a timeline.
struct JobsShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show a job and its event history as a timeline.")

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "The job id.") var id: Int64
  @Flag(help: "Print JSON for scripts.") var json = false

  func run() async throws {
    guard
      let job = try await database.perform(
        "jobs show", { try await JobAdmin(connection: $0).job(id: id) })
    else {
      FileHandleStream.standardError.write("job \(id): no such job\n")
      throw ExitCode(66)
    }
    if json { return try OperatorOutput.printJSON(job) }
    let account =
      job.provider == "finicity"
      ? "customer \(job.customerID ?? "-"), account ...\(job.accountLast4 ?? "----")"
      : "bank link \(job.bankLinkOID ?? "-")"
    print(
      "job \(job.id) (\(job.provider), \(account))\(job.externalRef.map { ", ref \($0)" } ?? "")")
    for line in job.timelineSummary { print(line) }
    print("")
    print(OperatorOutput.table(JobDetail.timelineHeader, job.timelineRows))
  }
}
