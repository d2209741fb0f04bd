/// The status of an amount submission (`verifier.amount_submissions.status`).
public enum SubmissionStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Inserted by the application, not yet considered.
  case pending
  /// Being sent: written before the verify call.
  case submitting
  /// The provider confirmed the amounts.
  case verified
  /// The amounts did not match; attempts remain.
  case mismatch
  /// The amounts did not match and no attempts remain.
  case attemptsExhausted = "attempts_exhausted"
  /// Not sent, so no attempt was spent; see the reason.
  case refused
  /// Sent but failed, or its result could not be established; see the reason.
  case error
}
