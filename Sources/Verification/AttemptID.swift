/// The id of one initiation attempt, stored in `verifier.jobs.attempt_id` (a uuid).
///
/// The daemon generates a fresh one for every decision (``DecisionContext/freshAttemptID``); the
/// machine uses it only when it starts a new initiation, so the module needs no randomness.
public struct AttemptID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The uuid as text.
  public var rawValue: String

  /// Wraps a uuid's text.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// The uuid text.
  public var description: String { rawValue }
}
