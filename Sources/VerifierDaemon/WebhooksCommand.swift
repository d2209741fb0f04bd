import ArgumentParser

/// `verifierd webhooks`: the outbox's deliveries per endpoint; send events again; prune.
struct WebhooksCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "webhooks",
    abstract: "Show webhook deliveries per endpoint, send events again, or prune old ones.",
    discussion:
      "Exit status: 0 done, 64 bad arguments, 69 database unreachable, 70 database error.",
    subcommands: [
      WebhooksStatusCommand.self, WebhooksReplayCommand.self, WebhooksPruneCommand.self,
    ])
}
