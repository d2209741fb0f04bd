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
    subcommands: [JobsShowCommand.self, JobsRetryCommand.self, JobsCancelCommand.self])

  /// Prints what became of a retry or cancel and exits with the documented status.
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
    }
  }
}

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
    )
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
