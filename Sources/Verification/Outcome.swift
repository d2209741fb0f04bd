/// The outcome of a finished job, stored as text in `verifier.jobs.outcome`.
///
/// Each outcome has the same text as the terminal ``JobState`` it ends in.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// The provider confirmed the amounts.
  case verified
  /// No verification attempts are left.
  case attemptsExhausted = "attempts_exhausted"
  /// The local expiry passed, the entries never settled, or the provider said `Expired`.
  case expired
  /// The entries were returned (ACH return).
  case returned
  /// The entries were rejected.
  case rejected
  /// The provider failed or refused; see the provider code and message.
  case providerFailed = "provider_failed"
  /// The request was wrong; see the provider code and message.
  case invalidRequest = "invalid_request"
  /// Canceled before it finished.
  case canceled
  /// A fraud rule refused it before anything was sent.
  case refusedByPolicy = "refused_by_policy"

  /// The terminal state this outcome ends the job in.
  public var state: JobState {
    // Every outcome's raw value is a JobState raw value (checked by a test).
    JobState(rawValue: rawValue) ?? .providerFailed
  }
}
