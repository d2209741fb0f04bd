/// What ``RetryPolicy/decide(now:streakStartedAt:retry:retryAfter:unit:)`` concluded.
public enum RetryDecision: Sendable, Hashable {
  /// Try again at this instant.
  case retry(at: Timestamp)
  /// The retry window is over: the job fails as `provider_failed`.
  case giveUp
}
