import ArgumentParser
import Foundation
import JobQueue

/// `verifierd webhooks replay`: send delivered or dead events again, with their own ids.
struct WebhooksReplayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Send events again (delivered or dead ones), with the same event ids.",
    discussion: """
      Receivers deduplicate by event id. Give --event ID, or --since with an age (2h, 3d) or an \
      ISO 8601 instant (2026-12-01T00:00:00Z); --endpoint limits it to one endpoint.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "The event's id.")
  var event: String?

  @Option(help: "Events created since: an age (2h, 3d) or an ISO 8601 instant.")
  var since: String?

  @Option(help: "Only this endpoint's deliveries.")
  var endpoint: String?

  func validate() throws {
    guard (event == nil) != (since == nil) else {
      throw ValidationError("give exactly one of --event and --since")
    }
    if let event, UUID(uuidString: event) == nil {
      throw ValidationError("--event must be an event id (a UUID)")
    }
    if let since, Self.instant(since) == nil {
      throw ValidationError("--since must be an age (2h, 3d) or an ISO 8601 instant")
    }
  }

  /// `text` as an instant: an ISO 8601 instant, or an age before now.
  static func instant(_ text: String) -> Date? {
    if let date = ISO8601DateFormatter().date(from: text) { return date }
    return Age(argument: text).map { Date().addingTimeInterval(-$0.seconds) }
  }

  func run() async throws {
    let selection: OutboxAdmin.Selection =
      if let event, let id = UUID(uuidString: event) {
        .event(id)
      } else {
        .since(Self.instant(since ?? "") ?? Date())
      }
    let count = try await database.perform("webhooks replay") {
      try await OutboxAdmin(connection: $0).replay(selection, endpoint: endpoint)
    }
    print("\(count) deliveries due again")
  }
}
