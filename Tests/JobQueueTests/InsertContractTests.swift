import Foundation
import JobQueue
import TestSupport
import Testing

/// One insert that must be refused, and what the refusal must say.
struct BadInsert: CustomTestStringConvertible, Sendable {
  let label: String
  let columns: [String: String?]
  let column: String
  let says: String

  var testDescription: String { label }

  static let good: [String: String?] = [
    "provider": "finicity", "customer_id": "cust-1", "receiver_name": "Jane Doe",
    "routing_number": Sample.routing, "account_number": "123456789",
    "account_type": "personalChecking",
  ]
  static let goodFolio: [String: String?] = [
    "provider": "folio", "folio_account_number": "F100", "bank_link_oid": "BL-1",
    "owner_login_id": "owner-1",
  ]

  init(
    _ label: String, _ base: [String: String?] = good, set: [String: String?], column: String,
    says: String
  ) {
    self.label = label
    self.columns = base.merging(set) { $1 }
    self.column = column
    self.says = says
  }

  static let all: [BadInsert] = [
    BadInsert("missing provider", set: ["provider": nil], column: "provider", says: "is required"),
    BadInsert(
      "unknown provider", set: ["provider": "paypal"], column: "provider",
      says: "not a known provider"),
    BadInsert(
      "missing customer id", set: ["customer_id": nil], column: "customer_id", says: "is required"),
    BadInsert(
      "empty receiver name", set: ["receiver_name": "  "], column: "receiver_name",
      says: "must not be empty"),
    BadInsert(
      "missing account type", set: ["account_type": nil], column: "account_type",
      says: "is required"),
    BadInsert(
      "non-digit routing number", set: ["routing_number": "02100002X"], column: "routing_number",
      says: "9 digits"),
    BadInsert(
      "short routing number", set: ["routing_number": "02100002"], column: "routing_number",
      says: "9 digits"),
    BadInsert(
      "long routing number", set: ["routing_number": "0210000210"], column: "routing_number",
      says: "too long"),
    BadInsert(
      "routing number failing the ABA checksum", set: ["routing_number": "021000022"],
      column: "routing_number", says: "ABA checksum"),
    BadInsert(
      "non-digit account number", set: ["account_number": "12345-678"], column: "account_number",
      says: "4 to 17 digits"),
    BadInsert(
      "short account number", set: ["account_number": "123"], column: "account_number",
      says: "4 to 17 digits"),
    BadInsert(
      "account number over 17 digits", set: ["account_number": String(repeating: "1", count: 18)],
      column: "account_number", says: "too long"),
    BadInsert(
      "undocumented account type", set: ["account_type": "brokerage"], column: "account_type",
      says: "not a documented account type"),
    BadInsert(
      "over-long receiver name", set: ["receiver_name": String(repeating: "n", count: 256)],
      column: "receiver_name", says: "too long"),
    BadInsert(
      "over-long customer id", set: ["customer_id": String(repeating: "9", count: 65)],
      column: "customer_id", says: "too long"),
    BadInsert(
      "over-long external reference", set: ["external_ref": String(repeating: "r", count: 256)],
      column: "external_ref", says: "too long"),
    BadInsert(
      "Folio field on a Finicity job", set: ["bank_link_oid": "BL-1"], column: "bank_link_oid",
      says: "does not belong to a finicity job"),
    BadInsert(
      "Folio job missing its bank link", goodFolio, set: ["bank_link_oid": nil],
      column: "bank_link_oid", says: "is required"),
    BadInsert(
      "Folio job missing its owner", goodFolio, set: ["owner_login_id": ""],
      column: "owner_login_id", says: "must not be empty"),
    BadInsert(
      "over-long Folio account number", goodFolio,
      set: ["folio_account_number": String(repeating: "F", count: 33)],
      column: "folio_account_number", says: "too long"),
    BadInsert(
      "Finicity field on a Folio job", goodFolio, set: ["routing_number": Sample.routing],
      column: "routing_number", says: "does not belong to a folio job"),
  ]
}

@Suite("the INSERT contract")
struct InsertContractTests {
  static func insert(_ columns: [String: String?], into database: TestDatabase) async throws {
    let names = columns.keys.sorted()
    let placeholders = names.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
    try await database.run(
      "INSERT INTO verifier.jobs (\(names.joined(separator: ", "))) VALUES (\(placeholders))",
      names.map { columns[$0]! })
  }

  // One case at a time: each makes a database and a few connections, and 40-odd at once would
  // take most of the throwaway server's connection slots from the suites running beside them.
  @Test(
    "bad job input is refused at insert, naming the field and why", .serialized,
    arguments: BadInsert.all + BadInsert.hostile)
  func refused(_ bad: BadInsert) async throws {
    try await TestDatabase.with { database in
      let error = await #expect(throws: PGError.self) {
        try await Self.insert(bad.columns, into: database)
      }
      #expect(error?.sqlState == "23514")
      #expect(error?.column == bad.column)
      #expect(error?.message.contains("\(bad.column) ") == true, "message: \(error?.message ?? "")")
      #expect(error?.message.contains(bad.says) == true, "message: \(error?.message ?? "")")
      let count = try await database.run("SELECT count(*) AS n FROM verifier.jobs")
      #expect(try count[0].decode("n", as: Int.self) == 0)
    }
  }

  @Test("good Finicity and Folio jobs are accepted with defaults for everything else")
  func accepted() async throws {
    try await TestDatabase.with { database in
      try await Self.insert(BadInsert.good, into: database)
      try await Self.insert(BadInsert.goodFolio, into: database)
      let rows = try await database.run(
        "SELECT provider, state, account_last4, run_at <= now() AS due, finished_at IS NULL AS live FROM verifier.jobs ORDER BY id"
      )
      #expect(
        try rows.rows.map { try $0.decode("state", as: String.self) } == ["queued", "queued"])
      #expect(try rows[0].decode("account_last4", as: String.self) == "6789")
      #expect(
        try rows.rows.allSatisfy {
          try $0.decode("due", as: Bool.self) && $0.decode("live", as: Bool.self)
        })
    }
  }

  @Test(
    "a second live job for the same customer and account is refused; a finished one is not in the way"
  )
  func oneLiveJob() async throws {
    try await TestDatabase.with { database in
      try await Self.insert(BadInsert.good, into: database)
      let error = await #expect(throws: PGError.self) {
        try await Self.insert(BadInsert.good, into: database)
      }
      #expect(error?.sqlState == "23505")
      #expect(
        error?.message.contains("a live verification already exists for this customer and account")
          == true)
      #expect(!String(describing: error).contains("123456789"))
      // Same account for another customer, and another account for the same customer, are fine.
      try await Self.insert(
        BadInsert.good.merging(["customer_id": "cust-2"]) { $1 }, into: database)
      try await Self.insert(
        BadInsert.good.merging(["account_number": "99999999"]) { $1 }, into: database)
      // Folio: one live job per bank link.
      try await Self.insert(BadInsert.goodFolio, into: database)
      let folio = await #expect(throws: PGError.self) {
        try await Self.insert(BadInsert.goodFolio, into: database)
      }
      #expect(folio?.sqlState == "23505")
      // Once the first job finishes (as a daemon finishes it), the same account may be verified
      // again.
      try await database.run(
        "UPDATE verifier.jobs SET state = 'canceled', outcome = 'canceled', finished_at = now() WHERE id = 1"
      )
      try await Self.insert(BadInsert.good, into: database)
    }
  }

  @Test(
    "bad amounts are refused at insert, naming the field and why",
    arguments: [
      ("ARRAY[0.12]", "exactly two amounts (got 1)"),
      ("ARRAY[0.12, 0.34, 0.56]", "exactly two amounts (got 3)"),
      ("ARRAY[]::numeric[]", "exactly two amounts"),
      ("ARRAY[0.00, 0.34]", "between 0.01 and 0.99"),
      ("ARRAY[0.12, 1.00]", "between 0.01 and 0.99"),
      ("ARRAY[-0.12, 0.34]", "between 0.01 and 0.99"),
      ("ARRAY[0.125, 0.34]", "at most two decimal places"),
      ("ARRAY[0.12, NULL]", "must not contain NULL"),
      ("ARRAY[[0.12, 0.34]]", "must be a one-dimensional array (got 2 dimensions)"),
      ("'[0:1]={0.12,0.34}'", "must be subscripted from 1 (got [0:1])"),
      ("'[2:3]={0.12,0.34}'::numeric[]", "must be subscripted from 1 (got [2:3])"),
    ])
  func badAmounts(amounts: String, says: String) async throws {
    try await TestDatabase.with { database in
      try await Self.insert(BadInsert.good, into: database)
      let error = await #expect(throws: PGError.self) {
        try await database.run(
          "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (1, \(amounts))")
      }
      #expect(error?.column == "amounts")
      #expect(error?.message.contains("amounts ") == true)
      #expect(error?.message.contains(says) == true, "message: \(error?.message ?? "")")
    }
  }

  @Test("good amounts are accepted exactly; a submission for an unknown job is refused")
  func goodAmounts() async throws {
    try await TestDatabase.with { database in
      try await Self.insert(BadInsert.good, into: database)
      let id = try await database.run("SELECT verifier.submit_amounts(1, 0.01, 0.99) AS id")[0]
        .decode("id", as: Int64.self)
      let row = try await database.run(
        "SELECT amounts::text AS a, status FROM verifier.amount_submissions WHERE id = $1", [id])[0]
      #expect(try row.decode("a", as: String.self) == "{0.01,0.99}")
      #expect(try row.decode("status", as: String.self) == "pending")
      let error = await #expect(throws: PGError.self) {
        try await database.run("SELECT verifier.submit_amounts(999, 0.10, 0.20)")
      }
      #expect(error?.sqlState == "23503")
      #expect(error?.column == "job_id")
    }
  }
}
