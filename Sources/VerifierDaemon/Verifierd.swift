import ArgumentParser

/// The `verifierd` command: verifies bank accounts by micro-entries, driven by a PostgreSQL job
/// table.
@main
struct Verifierd: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verifierd",
    abstract: "Verifies bank accounts by micro-entries, driven by a PostgreSQL job table.",
    subcommands: [
      MigrateCommand.self, RunCommand.self, CheckConfigCommand.self, StatusCommand.self,
      JobsCommand.self, PruneCommand.self, WebhooksCommand.self, ReportCommand.self,
    ]
  )
}
