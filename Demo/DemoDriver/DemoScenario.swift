import DemoSupport
import JobQueue

/// The demo's inputs: every outcome of both providers, by magic input and customer behaviour.
enum DemoScenario {
  static let cases: [DemoCase] = [
    DemoCase(
      name: "fin right", provider: "finicity", suffix: nil, behaviour: "right", expected: "verified"
    ),
    DemoCase(
      name: "fin wrong once", provider: "finicity", suffix: nil, behaviour: "wrong1",
      expected: "verified"),
    DemoCase(
      name: "fin wrong twice", provider: "finicity", suffix: nil, behaviour: "wrong2",
      expected: "verified"),
    DemoCase(
      name: "fin never right", provider: "finicity", suffix: nil, behaviour: "never",
      expected: "attempts_exhausted"),
    DemoCase(
      name: "fin silent", provider: "finicity", suffix: nil, behaviour: "silent",
      expected: "expired"),
    DemoCase(
      name: "fin rtp 0007", provider: "finicity", suffix: "0007", behaviour: "right",
      expected: "verified"),
    DemoCase(
      name: "fin 0001", provider: "finicity", suffix: "0001", behaviour: "right",
      expected: "returned"),
    DemoCase(
      name: "fin 0002", provider: "finicity", suffix: "0002", behaviour: "right",
      expected: "rejected"),
    DemoCase(
      name: "fin 0003", provider: "finicity", suffix: "0003", behaviour: "right",
      expected: "provider_failed"),
    DemoCase(
      name: "fin 0004", provider: "finicity", suffix: "0004", behaviour: "right",
      expected: "expired"),
    DemoCase(
      name: "fin 0005 never settles", provider: "finicity", suffix: "0005", behaviour: "right",
      expected: "expired"),
    DemoCase(
      name: "fin 0006 refused", provider: "finicity", suffix: "0006", behaviour: "right",
      expected: "provider_failed"),
    DemoCase(
      name: "fin unknown customer", provider: "finicity", suffix: nil, behaviour: "right",
      customerPrefix: "404", expected: "invalid_request"),
    DemoCase(
      name: "folio right", provider: "folio", suffix: nil, behaviour: "right", expected: "verified"),
    DemoCase(
      name: "folio wrong once", provider: "folio", suffix: nil, behaviour: "wrong1",
      expected: "verified"),
    DemoCase(
      name: "folio never right", provider: "folio", suffix: nil, behaviour: "never",
      expected: "attempts_exhausted"),
    DemoCase(
      name: "folio silent", provider: "folio", suffix: nil, behaviour: "silent", expected: "expired"
    ),
    DemoCase(
      name: "folio no money mover", provider: "folio", suffix: nil, behaviour: "right",
      folioOwner: "no-money-mover", expected: "provider_failed"),
  ]

  /// Enqueues `total` jobs, cycling through the cases; Folio bank links are seeded first.
  /// `external_ref` is `case-index:behaviour:n`.
  static func enqueue(
    total: Int, cases: [DemoCase] = cases, database: PGConnection, sandbox: SandboxControl
  ) async throws -> Int {
    var inserted = 0
    for n in 0..<total {
      let item = cases[n % cases.count]
      let index = Self.cases.firstIndex { $0.name == item.name } ?? 0
      let ref = "\(index):\(item.behaviour):\(n)"
      if item.provider == "finicity" {
        let suffix = item.suffix ?? "5\(String(format: "%02d", index))0"
        try await database.query(
          "SELECT verifier.enqueue_finicity($1, 'Demo Customer', '021000021', $2, 'personalChecking', $3)",
          ["\(item.customerPrefix)\(n)", "\(1000 + n)\(suffix)", ref], operation: "enqueue")
      } else {
        let oid = "DEMO-\(n)"
        let owner = item.folioOwner ?? "owner\(n)"
        try await sandbox.seedBankLink(oid: oid, account: "F\(n)", owner: owner)
        try await database.query(
          "SELECT verifier.enqueue_folio($1, $2, $3, $4)", ["F\(n)", oid, owner, ref],
          operation: "enqueue")
      }
      inserted += 1
    }
    return inserted
  }
}
