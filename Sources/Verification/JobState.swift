/// The state of a verification job, stored as text in `verifier.jobs.state`.
///
/// The raw values are exactly the texts the database's `jobs_state_known` check allows.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
  /// Inserted by the application, not yet picked up.
  case queued
  /// Finicity: `initiating` and a fresh attempt id are committed before the initiate call.
  case initiating
  /// Finicity: the micro entries were initiated; details are polled until they settle.
  case pending
  /// The deposits are there; the customer is asked for the two amounts.
  case awaitingAmounts = "awaiting_amounts"
  /// A submission was sent (or its result is unknown and must be reconciled).
  case verifying
  /// A fraud rule held the job before anything was sent (`policy_rule` names it); it waits for
  /// an operator to release it (`verifier.release`) or cancel it.
  case held
  /// Terminal: the provider confirmed the amounts.
  case verified
  /// Terminal: no verification attempts are left.
  case attemptsExhausted = "attempts_exhausted"
  /// Terminal: the local expiry passed, or the provider reported `Expired`.
  case expired
  /// Terminal: the provider reported the entries `Returned` (ACH return).
  case returned
  /// Terminal: the provider reported the entries `Rejected`.
  case rejected
  /// Terminal: the provider failed (retry window exhausted, `Failed`, refused, authentication).
  case providerFailed = "provider_failed"
  /// Terminal: the request was wrong (bad routing or account number, unknown customer).
  case invalidRequest = "invalid_request"
  /// Terminal: canceled by the application or an operator.
  case canceled
  /// Terminal: a fraud rule refused the job before anything was sent (`policy_rule` names it).
  case refusedByPolicy = "refused_by_policy"

  /// Whether the job is finished: the last nine states.
  public var isTerminal: Bool { outcome != nil }

  /// The outcome a terminal state records, `nil` for live states.
  public var outcome: Outcome? { Outcome(rawValue: rawValue) }
}
