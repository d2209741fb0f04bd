import ArgumentParser
import Foundation
import JobQueue

/// `verifierd status`: the queue at a glance.
struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Show live jobs per state and provider, the oldest due job's lag, outcomes in the last hour, "
      + "the daemons holding leases and each provider's fleet rate limit.",
    discussion: "Exit status: 0 printed, 69 database unreachable, 70 database error.")

  @OptionGroup var database: DatabaseOptions

  @Flag(help: "Print JSON for scripts instead of tables.")
  var json = false

  func run() async throws {
    let status = try await database.perform("status") {
      try await JobAdmin(connection: $0).status()
    }
    if json { return try OperatorOutput.printJSON(status) }
    print("live jobs")
    print(
      status.states.isEmpty
        ? "  none"
        : OperatorOutput.table(
          ["provider", "state", "jobs"],
          status.states.map { [$0.provider, $0.state, String($0.count)] }))
    print(
      "\ndue now: \(status.dueNow), oldest waiting \(String(format: "%.1f", status.oldestDueLagSeconds)) s"
    )
    print("\noutcomes in the last hour")
    print(
      status.outcomesLastHour.isEmpty
        ? "  none"
        : OperatorOutput.table(
          ["outcome", "jobs"], status.outcomesLastHour.map { [$0.outcome, String($0.count)] }))
    print("\ndaemons holding leases")
    print(
      status.leaseHolders.isEmpty
        ? "  none"
        : OperatorOutput.table(
          ["instance", "leases", "expired"],
          status.leaseHolders.map { [$0.instance, String($0.leases), String($0.expired)] }))
    print("\nprovider rate limits (the fleet's)")
    print(
      status.rateLimits.isEmpty
        ? "  none leased yet"
        : OperatorOutput.table(
          ["provider", "limit/s", "now/s", "paused", "last cause", "granted", "refused"],
          status.rateLimits.map {
            [
              $0.provider, String(format: "%.1f", $0.configuredRate),
              String(format: "%.1f", $0.currentRate),
              $0.pausedForSeconds > 0 ? String(format: "%.1f s", $0.pausedForSeconds) : "no",
              $0.lastPauseCause ?? "none", String($0.granted), String($0.refused),
            ]
          }))
  }
}
