/// The kind of a call's outcome, a fixed word for metrics labels and event summaries.
public enum CallResult: String, Sendable, Hashable, CaseIterable {
  /// The call succeeded.
  case success
  /// A transient failure (429, throttling, 5xx, timeout, connection fault, unknown outcome).
  case retryLater = "retry_later"
  /// The provider's state must be read first (already initiated, other status).
  case reconcile
  /// The amounts did not match.
  case wrongAmounts = "wrong_amounts"
  /// No verification attempts are left.
  case attemptsExhausted = "attempts_exhausted"
  /// A failure retrying cannot fix.
  case permanentFailure = "permanent_failure"
}
