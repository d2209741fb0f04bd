/// The return-rate check of the micro-entry monitoring (docs/fraud.md): of the micro-entries
/// initiated in a rolling window, the share the bank returned or rejected, against a threshold.
///
/// Defaults: 3 % over 60 days, once at least 100 were initiated. Nacha reviews an originator
/// whose administrative returns (account closed, no account, invalid account: what returned
/// micro-entries are) pass 3 % over 60 days; below 100 entries a handful of returns is noise.
public struct ReturnRateWatch: Sendable, Hashable {
  /// The share of returned and rejected entries above which the check alerts.
  public var threshold: Double
  /// The rolling window the share is counted over.
  public var window: Duration
  /// Fewer initiations in the window than this never alert.
  public var minimumInitiations: Int
  /// How often the daemon counts again.
  public var checkInterval: Duration

  /// Creates a check (the defaults above; counted every 5 minutes).
  public init(
    threshold: Double = 0.03, window: Duration = .seconds(60 * 86_400),
    minimumInitiations: Int = 100, checkInterval: Duration = .seconds(300)
  ) {
    self.threshold = threshold
    self.window = window
    self.minimumInitiations = minimumInitiations
    self.checkInterval = checkInterval
  }

  /// The share `returns` of `initiations` is (0 with none), and whether it is over the
  /// threshold with enough initiations to judge.
  public func assess(initiations: Int, returns: Int) -> (rate: Double, over: Bool) {
    guard initiations > 0 else { return (0, false) }
    let rate = Double(returns) / Double(initiations)
    return (rate, initiations >= minimumInitiations && rate > threshold)
  }
}
