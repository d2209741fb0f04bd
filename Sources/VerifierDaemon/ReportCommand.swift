import ArgumentParser

/// `verifierd report`: reports for auditors.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Reports for auditors: micro-entry volumes per provider and day.",
    discussion:
      "Exit status: 0 done, 64 bad arguments, 69 database unreachable, 70 database error.",
    subcommands: [ReportMicroEntriesCommand.self])
}
