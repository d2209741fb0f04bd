import Foundation
import Testing

/// The leak test's scanner over a journal that `scripts/systemd-test` saved after running
/// verifierd under a real systemd. Runs only when `VERIFIERD_JOURNAL_SCAN` names the scan's
/// description (JSON: `journal`, a file of `journalctl -o json` records; `secrets`, name to value;
/// `finicityAccounts`, `folioAccounts`, `amounts`: what the run enqueued and submitted).
@Suite("Journal leak scan (scripts/systemd-test)")
struct JournalLeakTests {
  /// What `scripts/systemd-test` writes.
  struct Scan: Decodable {
    var journal: String
    var secrets: [String: String]
    var finicityAccounts: [String]
    var folioAccounts: [String]
    var amounts: [String]
  }

  static let path = ProcessInfo.processInfo.environment["VERIFIERD_JOURNAL_SCAN"]

  @Test(
    "no secret, account number or amount in the unit's journal",
    .enabled(if: path != nil, "set by scripts/systemd-test"))
  func journalHoldsNothingSecret() throws {
    let scan = try JSONDecoder().decode(
      Scan.self, from: try Data(contentsOf: URL(fileURLWithPath: try #require(Self.path))))
    let journal = try String(contentsOfFile: scan.journal, encoding: .utf8)
    let records = journal.split(separator: "\n")
    // Something to scan: the daemon's own lines, from every start of the run.
    #expect(records.count > 20, "only \(records.count) journal records")
    #expect(journal.contains("configuration reloaded"))
    #expect(!scan.amounts.isEmpty && !scan.secrets.isEmpty)
    let scanner = try LeakScanner.forRun(
      secrets: scan.secrets.map { (name: $0.key, value: $0.value) },
      finicityAccounts: scan.finicityAccounts, folioAccounts: scan.folioAccounts,
      amounts: scan.amounts)
    var evidence = LeakEvidence()
    evidence.add("journal of verifierd.service", journal)
    let findings = evidence.findings(scanner)
    #expect(findings.isEmpty, "\(findings.prefix(10))")
  }
}
