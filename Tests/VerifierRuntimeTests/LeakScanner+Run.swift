import Foundation

extension LeakScanner {
  /// The scanner for one run of the daemon: its secrets, the account numbers it was given (in the
  /// shapes the leak tests choose: Finicity `93ddddd6172dddd`, Folio a letter then `84ddddd39`),
  /// the amounts submitted, and any further needles.
  static func forRun(
    secrets: [(name: String, value: String)], finicityAccounts: [String],
    folioAccounts: [String], amounts: [String], extra: [Needle] = []
  ) throws -> LeakScanner {
    LeakScanner(
      needles: secrets.map { Needle(name: $0.name, value: $0.value) } + extra
        + amounts.map { Needle(name: "a submitted amount (\($0))", value: $0, isNumber: true) },
      accounts: [
        AccountPattern(
          name: "a Finicity account number (all but the last four digits, or more)",
          pattern: try NSRegularExpression(pattern: "93[0-9]{5}6172"),
          known: Set(finicityAccounts.map { String($0.prefix(11)) })),
        AccountPattern(
          name: "a Folio account number",
          pattern: try NSRegularExpression(pattern: "84[0-9]{5}39"),
          known: Set(folioAccounts.map { String($0.dropFirst()) })),
      ])
  }
}
