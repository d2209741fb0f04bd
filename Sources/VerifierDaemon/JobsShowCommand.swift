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
    print(
      "state \(job.state)\(job.outcome.map { ", outcome \($0)" } ?? "")"
        + "\(job.providerCode.map { ", provider code \($0)" } ?? "")\(job.providerMessage.map { ": \($0)" } ?? "")"
        + (job.policyRule.map { ", fraud rule \($0)" } ?? ""))
    if job.finishedAt == nil {
      print(
        "next run \(OperatorOutput.format(job.runAt))"
          + (job.leaseOwner.map {
            ", held by \($0) until \(OperatorOutput.format(job.leaseExpiresAt))"
          } ?? ""))
    }
    print(
      "created \(OperatorOutput.format(job.createdAt))"
        + (job.finishedAt.map { ", finished \(OperatorOutput.format($0))" } ?? ""))
    print("")
    print(
      OperatorOutput.table(
        ["at", "event", "state", "call", "result", "note"], job.events.map(Self.row)))
  }

  static func row(_ line: JobDetail.HistoryEntry) -> [String] {
    let event = line.event
    let transition =
      event.fromState == event.toState
      ? (event.toState ?? "") : "\(event.fromState ?? "") -> \(event.toState ?? "")"
    let call = [event.provider, event.endpoint].compactMap { $0 }.joined(separator: " ")
    var result = [event.httpStatus.map { "HTTP \($0)" }, event.providerCode.map { "code \($0)" }]
      .compactMap { $0 }
    if let latency = event.latencyMilliseconds { result.append("\(latency) ms") }
    return [
      OperatorOutput.format(line.at), event.kind, transition, call, result.joined(separator: ", "),
      event.message ?? "",
    ]
  }
}
