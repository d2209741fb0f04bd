import ArgumentParser
import Foundation
import JobQueue

/// `verifierd report micro-entries --from DAY --to DAY`: per provider and UTC day, forward
/// entries, returns, verified, failed attempts, expired, held and refused (docs/fraud.md).
struct ReportMicroEntriesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "micro-entries",
    abstract: "Micro-entry volumes per provider and UTC day, for an auditor.",
    discussion: """
      Counts from the jobs' history: initiations (forward entries), returns (returned or \
      rejected), verified, failed attempts (wrong amounts), expired, held and refused by a \
      fraud rule. Days are UTC; --to is included. `verifierd prune` deletes finished jobs with \
      their history: report a period before pruning it.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "The first UTC day, YYYY-MM-DD.") var from: String
  @Option(help: "The last UTC day, YYYY-MM-DD (included).") var to: String

  @Flag(help: "Print JSON for scripts instead of a table.") var json = false
  @Flag(help: "Print CSV (a header, then one line per provider and day).") var csv = false

  func validate() throws {
    guard let start = Self.day(from), let end = Self.day(to) else {
      throw ValidationError("--from and --to must be UTC days, YYYY-MM-DD")
    }
    guard start <= end else { throw ValidationError("--from must not be after --to") }
    guard !(json && csv) else { throw ValidationError("give at most one of --json and --csv") }
  }

  func run() async throws {
    guard let start = Self.day(from), let end = Self.day(to) else { return }
    let days = try await database.perform("report micro-entries") {
      try await MicroEntryReport(connection: $0).days(
        from: start, to: end.addingTimeInterval(86_400))
    }
    if json { return try OperatorOutput.printJSON(days) }
    if csv {
      print(MicroEntryDay.columns.joined(separator: ","))
      for day in days { print(day.values.joined(separator: ",")) }
      return
    }
    print(
      days.isEmpty
        ? "no micro-entries from \(from) to \(to)"
        : OperatorOutput.table(MicroEntryDay.columns, days.map(\.values)))
  }

  /// Midnight UTC of `text` (`YYYY-MM-DD`), or `nil`.
  static func day(_ text: String) -> Date? {
    guard text.count == 10 else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.date(from: text)
  }
}
