/// What becomes of a claimed job this build cannot read (an unknown provider or state, missing
/// business columns, unreadable bookkeeping): it is left as it is, due again in an hour, with one
/// `alert` event for an operator (`verifierd jobs show`). Never guessed at, so no money ever
/// moves on a misread job; unreadable bookkeeping is never replaced by defaults, which would
/// forget a 3100001, an attempt's start or a submission in flight.
public struct Parking: Sendable, Hashable {
  /// How long a parked job waits before it is looked at again.
  public static let delay: Duration = .seconds(3600)
  /// The alert event's message.
  public static let message =
    "this verifierd cannot read the job (provider, state or data); parked for an hour"

  /// When the job is due again.
  public var runAt: Timestamp
  /// The alert event's message.
  public var message: String

  /// The parking of a job claimed at `now`; `reason` names what did not read or was refused
  /// (a column, a constraint: never a value), when known.
  public init(now: Timestamp, reason: String? = nil) {
    runAt = now + Self.delay
    message =
      reason.map { "this verifierd cannot go on with the job (\($0)); parked for an hour" }
      ?? Self.message
  }
}
