import Foundation
import JobQueue
import TestSupport

/// One kind of input of the leak test: the demo's magic inputs and customer behaviours.
struct LeakCase: Sendable {
  /// A short name for messages.
  var name: String
  /// `finicity` or `folio`.
  var provider: String
  /// Finicity: the account number's magic last four digits, or nil for an ordinary account.
  var suffix: String? = nil
  /// How ``Customer`` answers (it reads the job's `external_ref`): `right`, `wrong1`, `wrong2`,
  /// `never`, `silent`.
  var behaviour: String
  /// Finicity: the customer id's prefix (`404`: the provider does not know the customer).
  var customerPrefix = "leak"
  /// Folio: the bank link owner, when not the job's own (`no-money-mover`: refused).
  var folioOwner: String? = nil
  /// The outcome jobs of this kind end with when no fault gets in their way.
  var expected: String
}

/// A job the leak test enqueued, with the account number only the test and the daemon know.
struct LeakJob: Sendable {
  var id: Int64
  var kind: Int
  /// The Finicity account number or the Folio account number.
  var accountNumber: String
}

/// The leak test's inputs: every kind of the demo, each enqueued many times with distinctive
/// account numbers.
enum LeakScenario {
  static let cases: [LeakCase] = [
    LeakCase(name: "fin right", provider: "finicity", behaviour: "right", expected: "verified"),
    LeakCase(
      name: "fin wrong once", provider: "finicity", behaviour: "wrong1", expected: "verified"),
    LeakCase(
      name: "fin wrong twice", provider: "finicity", behaviour: "wrong2", expected: "verified"),
    LeakCase(
      name: "fin never right", provider: "finicity", behaviour: "never",
      expected: "attempts_exhausted"),
    LeakCase(name: "fin silent", provider: "finicity", behaviour: "silent", expected: "expired"),
    LeakCase(
      name: "fin rtp 0007", provider: "finicity", suffix: "0007", behaviour: "right",
      expected: "verified"),
    LeakCase(
      name: "fin returned 0001", provider: "finicity", suffix: "0001", behaviour: "right",
      expected: "returned"),
    LeakCase(
      name: "fin rejected 0002", provider: "finicity", suffix: "0002", behaviour: "right",
      expected: "rejected"),
    LeakCase(
      name: "fin failed 0003", provider: "finicity", suffix: "0003", behaviour: "right",
      expected: "provider_failed"),
    LeakCase(
      name: "fin expired 0004", provider: "finicity", suffix: "0004", behaviour: "right",
      expected: "expired"),
    LeakCase(
      name: "fin never settles 0005", provider: "finicity", suffix: "0005", behaviour: "right",
      expected: "expired"),
    LeakCase(
      name: "fin initiation refused 0006", provider: "finicity", suffix: "0006",
      behaviour: "right", expected: "provider_failed"),
    LeakCase(
      name: "fin unknown customer", provider: "finicity", behaviour: "right",
      customerPrefix: "404", expected: "invalid_request"),
    LeakCase(name: "folio right", provider: "folio", behaviour: "right", expected: "verified"),
    LeakCase(
      name: "folio wrong once", provider: "folio", behaviour: "wrong1", expected: "verified"),
    LeakCase(
      name: "folio never right", provider: "folio", behaviour: "never",
      expected: "attempts_exhausted"),
    LeakCase(name: "folio silent", provider: "folio", behaviour: "silent", expected: "expired"),
    LeakCase(
      name: "folio no money mover", provider: "folio", behaviour: "right",
      folioOwner: "no-money-mover", expected: "provider_failed"),
  ]

  /// Jobs per kind (18 kinds: 252 jobs).
  static let perCase = 14

  /// A Finicity account number of 15 digits: `93`, the job's serial, `6172`, then the magic
  /// suffix (or `8kk8` for kind kk). Long and patterned, so finding it by chance is unlikely.
  static func finicityAccount(serial: Int, kind: Int, suffix: String?) -> String {
    "93" + String(format: "%05d", serial) + "6172"
      + (suffix ?? "8" + String(format: "%02d", kind) + "8")
  }

  /// A Folio account number: `F84`, the job's serial, `39`.
  static func folioAccount(serial: Int) -> String {
    "F84" + String(format: "%05d", serial) + "39"
  }

  /// Enqueues every kind ``perCase`` times, interleaved as an application would, on one
  /// connection; Folio bank links are seeded in the sandbox first.
  static func enqueue(_ stack: Stack, on app: PGConnection) async throws -> [LeakJob] {
    var jobs: [LeakJob] = []
    for serial in 0..<(cases.count * perCase) {
      let kind = serial % cases.count
      let item = cases[kind]
      if item.provider == "finicity" {
        let account = finicityAccount(serial: serial, kind: kind, suffix: item.suffix)
        let row = try await app.query(
          "SELECT verifier.enqueue_finicity($1, 'Leak Customer', $2, $3, 'personalChecking', $4) AS id",
          ["\(item.customerPrefix)\(serial)", Sample.routing, account, item.behaviour],
          operation: "enqueue")[0]
        jobs.append(LeakJob(id: try row.decode("id"), kind: kind, accountNumber: account))
      } else {
        let account = folioAccount(serial: serial)
        let oid = "LEAK-BL-\(serial)"
        let owner = item.folioOwner ?? "owner\(serial)"
        try await stack.seedBankLink(oid, account: account, owner: owner)
        let row = try await app.query(
          "SELECT verifier.enqueue_folio($1, $2, $3, $4) AS id",
          [account, oid, owner, item.behaviour], operation: "enqueue")[0]
        jobs.append(LeakJob(id: try row.decode("id"), kind: kind, accountNumber: account))
      }
    }
    return jobs
  }
}
