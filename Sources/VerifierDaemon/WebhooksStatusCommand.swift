import ArgumentParser
import Foundation
import JobQueue

/// `verifierd webhooks status`: per endpoint, what is pending, how old, failing and dead.
struct WebhooksStatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Per endpoint: deliveries pending, the oldest pending event's age, failing (being "
      + "retried), dead and delivered.")

  @OptionGroup var database: DatabaseOptions

  @Flag(help: "Print JSON for scripts instead of a table.")
  var json = false

  func run() async throws {
    let endpoints = try await database.perform("webhooks status") {
      try await OutboxAdmin(connection: $0).status()
    }
    if json { return try OperatorOutput.printJSON(endpoints) }
    print(
      endpoints.isEmpty
        ? "no webhook deliveries"
        : OperatorOutput.table(
          ["endpoint", "pending", "oldest", "failing", "dead", "delivered"],
          endpoints.map {
            [
              $0.endpoint, String($0.pending), String(format: "%.1f s", $0.oldestPendingSeconds),
              String($0.failing), String($0.dead), String($0.delivered),
            ]
          }))
  }
}
