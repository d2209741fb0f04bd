/// One provider's rate limit shared by every daemon on a database, as stored in its row of
/// `verifier_rate_limits`; ``FleetRateLaw`` says how it changes.
///
/// A token bucket whose capacity is one permit batch, refilled at the current `rate`, which
/// is at most the configured rate: lowered when the provider refuses a call for its limit and
/// probed back up while it does not. Instants come from the database's clock, so daemons on
/// hosts whose clocks disagree still share one timeline.
public struct FleetRate: Sendable, Equatable {
  /// The configured rate, calls per second for the whole fleet (the newest lease's).
  public var configuredRate: Double
  /// The rate permits are issued at now, at most `configuredRate`.
  public var rate: Double
  /// Permits in the bucket (fractional while refilling).
  public var tokens: Double
  /// When the bucket was last refilled.
  public var refilledAt: Timestamp
  /// No permits before this instant (a refusal's pause).
  public var pausedUntil: Timestamp?
  /// Why the last pause began (a fixed text such as `429` or `throttle code 3300001`).
  public var pauseCause: String?
  /// When the rate was last lowered.
  public var lastDecreaseAt: Timestamp?
  /// How many times the rate was lowered: a permit carries the generation it was granted in, so
  /// a refusal tells whether its call was permitted after the last decrease.
  public var generation: Int64 = 0
  /// When the last refusal was reported.
  public var lastRefusedAt: Timestamp?
  /// ``grantedTotal`` when the last refusal was reported.
  public var grantedAtLastRefusal: Int64 = 0
  /// Start of the current admission window (one second).
  public var windowStart: Timestamp
  /// Permits granted in the current window.
  public var windowGranted: Int
  /// Refusals reported in the current window.
  public var windowRefused: Int
  /// Calls per second the provider admitted (granted less refused) in the last complete window.
  public var lastAdmittedRate: Double?
  /// When that window ended.
  public var lastWindowEnd: Timestamp?
  /// Permits granted since the row was created.
  public var grantedTotal: Int64
  /// Refusals reported since the row was created.
  public var refusedTotal: Int64

  /// A full bucket at `now` issuing `configuredRate`.
  public init(configuredRate: Double, batch: Int, now: Timestamp) {
    self.configuredRate = configuredRate
    rate = configuredRate
    tokens = Double(batch)
    refilledAt = now
    windowStart = now
    windowGranted = 0
    windowRefused = 0
    grantedTotal = 0
    refusedTotal = 0
  }

  /// Calls per second the provider admitted (granted less refused) in the current window, taken
  /// as `seconds` long.
  func admittedRate(over seconds: Double) -> Double {
    Double(max(0, windowGranted - windowRefused)) / seconds
  }

  /// Whether no permits are issued at `now`.
  public func isPaused(at now: Timestamp) -> Bool {
    pausedUntil.map { now < $0 } ?? false
  }
}
