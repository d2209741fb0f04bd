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

  /// Runs every bad insert on `app`, as the application's role (the daemon's where it says so),
  /// and returns each error's full text (description and every field), failing the test when one
  /// is accepted or refused for another reason. `live` is a job that is still live; `account` its
  /// account number, `customer` its customer. Statements that need rows of their own make them in
  /// a transaction that is rolled back.
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
          // In a transaction rolled back afterwards: a job of its own, finished, then amounts.
          "a submission for a finished job (literal)",
          """
          BEGIN;
          RESET ROLE;
          SELECT verifier.enqueue_folio('F-leak-finished', 'BL-leak-finished', 'owner-finished');
          UPDATE verifier.jobs SET state = 'canceled', outcome = 'canceled', finished_at = now()
           WHERE bank_link_oid = 'BL-leak-finished';
          SET LOCAL ROLE verifier_app;
          SELECT verifier.submit_amounts(
            (SELECT max(id) FROM verifier.jobs WHERE bank_link_oid = 'BL-leak-finished'), 0.41, 0.77);
          """,
          [], "23514"
        ),
        (
          "a second live job for the same customer and account, padded (bound)",
          "SELECT verifier.enqueue_finicity($1, 'Leak Customer', $2, $3, 'personalChecking')",
          [customer + " ", Sample.routing, account], "23514"
        ),
        (
          // Not the application's to do: the daemon's role writing a row a CHECK refuses. The
          // server prints no row for it (row-level security), and PGError would withhold one.
          "a CHECK constraint that would print the failing row (literal, the daemon's role)",
          """
          SET ROLE verifier_daemon;
          UPDATE verifier.jobs SET provider_code = '\(account)', state = 'bogus-\(account)'
           WHERE id = \(live.id);
          """,
          [], "23514"
        ),
        (
          // Rolled back: a second job of the account under another customer, moved to this one.
          "a unique index that would print its key (literal, the daemon's role)",
          """
          BEGIN;
          SELECT verifier.enqueue_finicity('leak-unique', 'Leak Customer', '\(Sample.routing)',
                                           '\(account)', 'personalChecking');
          SET LOCAL ROLE verifier_daemon;
          UPDATE verifier.jobs SET customer_id = '\(customer)' WHERE customer_id = 'leak-unique';
          """,
          [], "23505"
        ),
      ]
    var texts: [String] = []
    for statement in statements {
      do {
        try await app.query("SET ROLE verifier_app", operation: "become the application")
        if statement.parameters.isEmpty {
          _ = try await app.withSession { try $0.execute(statement.sql, operation: "bad insert") }
        } else {
          try await app.query(statement.sql, statement.parameters, operation: "bad insert")
        }
        Issue.record("accepted: \(statement.what)")
      } catch let error as PGError {
        #expect(error.sqlState == statement.state, "\(statement.what): \(error)")
        _ = try? await app.query("ROLLBACK", operation: "end a failed transaction")
        texts.append(
          [
            "\(error)", error.message, error.detail ?? "", error.hint ?? "", error.table ?? "",
            error.column ?? "", error.constraint ?? "",
          ].joined(separator: "\n"))
      }
    }
    try await app.query("RESET ROLE", operation: "back to the owner")
    return texts
  }
}
