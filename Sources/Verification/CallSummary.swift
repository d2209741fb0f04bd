/// How a `provider_call` event's message begins (`DecisionStep.recordCall`): one place for the
/// phrases the status page counts calls by (answered, throttled, failed).
public enum CallSummary {
  /// The call succeeded.
  public static let success = "success"
  /// A transient failure, retried later: followed by the ``RetryReason``'s description.
  public static let retryLater = "retry later: "
  /// A permanent failure: followed by the failure's kind.
  public static let permanentFailure = "permanent failure: "
  /// How a retried call's message begins when the provider asked to slow down (a 429 or a
  /// throttle code).
  public static let throttledPrefixes = [
    retryLater + RetryReason.rateLimited.description, retryLater + RetryReason.throttledPhrase,
  ]
}
