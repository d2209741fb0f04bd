import Foundation
import JobQueue
import TestSupport
import Testing

/// Inserts an application might get wrong, each carrying a known account number or known amounts;
/// the errors they raise are evidence for the leak test.
enum LeakBadInputs {
  /// Submitted amounts that must never be echoed, in the exact form they were sent. (Amounts of
  /// the form `0.dd` are caught by the scanner's decimal rule; these are the other forms.)
  static let amountTexts = ["0.125", "1.37"]

  /// Runs every bad insert on `app` and returns each error's full text (description and every
  /// field), failing the test when one is accepted or refused for another reason.
  /// `live` is a job that is still live; `account` its account number.
  static func run(
    on app: PGConnection, live: LeakJob, customer: String, account: String
  ) async throws -> [String] {
    let statements: [(what: String, sql: String, parameters: [(any PGEncodable)?], state: String)] =
      [
        (
          "routing number failing the ABA checksum (bound)",
          "SELECT verifier.enqueue_finicity('leak-bad-1', 'Leak Customer', '123456789', $1, 'personalChecking')",
          [account + "1"], "23514"
        ),
        (
          "account number with a letter (bound)",
          "SELECT verifier.enqueue_finicity('leak-bad-2', 'Leak Customer', $1, $2, 'personalChecking')",
          [Sample.routing, account + "X"], "23514"
        ),
        (
          "account number too long (literal)",
          """
          INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type)
          VALUES ('finicity', 'leak-bad-3', 'Leak Customer', '\(Sample.routing)', '\(account)\(account)', 'personalChecking')
          """,
          [], "23514"
        ),
        (
          "unknown account type (literal)",
          """
          INSERT INTO verifier.jobs (provider, customer_id, receiver_name, routing_number, account_number, account_type)
          VALUES ('finicity', 'leak-bad-4', 'Leak Customer', '\(Sample.routing)', '\(account)', 'gold-\(account)')
          """,
          [], "23514"
        ),
        (
          "receiver name too long, made of the account number (bound)",
          "SELECT verifier.enqueue_finicity('leak-bad-5', $1, $2, $3, 'personalChecking')",
          [String(repeating: account, count: 20), Sample.routing, account], "23514"
        ),
        (
          "a second live job for the same customer and account (bound)",
          "SELECT verifier.enqueue_finicity($1, 'Leak Customer', $2, $3, 'personalChecking')",
          [customer, Sample.routing, account], "23505"
        ),
        (
          "three amounts (literal)",
          "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (\(live.id), ARRAY[0.37, 0.58, 0.91])",
          [], "23514"
        ),
        (
          "an amount with three decimals (literal)",
          "INSERT INTO verifier.amount_submissions (job_id, amounts) VALUES (\(live.id), ARRAY[0.125, 0.46])",
          [], "23514"
        ),
        (
          "an amount over a dollar (bound)",
          "SELECT verifier.submit_amounts($1, $2::numeric, $3::numeric)",
          [live.id, "1.37", "0.64"], "23514"
        ),
        (
          "amounts for a job that does not exist (bound)",
          "SELECT verifier.submit_amounts($1, $2::numeric, $3::numeric)",
          [Int64(987_654), "0.29", "0.83"], "23503"
        ),
        (
          // Not the application's to do, but PGError must withhold the row PostgreSQL echoes.
          "a CHECK constraint that prints the failing row (literal, superuser)",
          "INSERT INTO verifier.prompts (job_id, kind, due_at) VALUES (\(live.id), 'bogus-\(account)', now())",
          [], "23514"
        ),
      ]
    var texts: [String] = []
    for statement in statements {
      do {
        try await app.query(statement.sql, statement.parameters, operation: "bad insert")
        Issue.record("accepted: \(statement.what)")
      } catch let error as PGError {
        #expect(error.sqlState == statement.state, "\(statement.what): \(error)")
        texts.append(
          [
            "\(error)", error.message, error.detail ?? "", error.hint ?? "", error.table ?? "",
            error.column ?? "", error.constraint ?? "",
          ].joined(separator: "\n"))
      }
    }
    return texts
  }
}
