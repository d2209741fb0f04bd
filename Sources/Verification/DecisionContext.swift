/// The inputs of a decision that are not the job: the time and the daemon's fresh values.
public struct DecisionContext: Sendable, Hashable {
  /// The current time (the module never reads a clock).
  public var now: Timestamp
  /// A new uuid, used only if the decision starts a new initiation attempt.
  public var freshAttemptID: AttemptID
  /// A uniformly random value in `0..<1` for the backoff's full jitter.
  public var jitter: Double

  /// Creates a context.
  public init(now: Timestamp, freshAttemptID: AttemptID, jitter: Double) {
    self.now = now
    self.freshAttemptID = freshAttemptID
    self.jitter = jitter
  }
}
