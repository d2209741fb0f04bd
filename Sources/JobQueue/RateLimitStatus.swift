/// One provider's fleet rate limit as `verifierd status` shows it.
public struct RateLimitStatus: Sendable, Codable, Equatable {
  /// `finicity` or `folio`.
  public var provider: String
  /// The configured fleet rate, calls per second.
  public var configuredRate: Double
  /// The rate permits are issued at now (lower after refusals, probing back up).
  public var currentRate: Double
  /// Seconds the provider stays paused (0 when not paused).
  public var pausedForSeconds: Double
  /// What began the last pause (`429`, `throttle CODE`), if any.
  public var lastPauseCause: String?
  /// Permits granted since the row was made.
  public var granted: Int64
  /// Refusals for the provider's limit since the row was made.
  public var refused: Int64
  /// Pauses since the row was made.
  public var pauses: Int64

  /// Creates a row.
  public init(
    provider: String, configuredRate: Double, currentRate: Double, pausedForSeconds: Double,
    lastPauseCause: String?, granted: Int64, refused: Int64, pauses: Int64
  ) {
    self.provider = provider
    self.configuredRate = configuredRate
    self.currentRate = currentRate
    self.pausedForSeconds = pausedForSeconds
    self.lastPauseCause = lastPauseCause
    self.granted = granted
    self.refused = refused
    self.pauses = pauses
  }
}
