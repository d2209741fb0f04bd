/// One provider's return rate as last counted by the return-rate check (``ReturnRateWatch``).
public struct ReturnRateReading: Sendable, Hashable {
  /// `finicity` or `folio`.
  public var provider: String
  /// Micro-entries initiated in the window.
  public var initiations: Int
  /// Of those, returned or rejected.
  public var returns: Int
  /// `returns / initiations` (0 with none).
  public var rate: Double
  /// Whether the rate is over the threshold with enough initiations to judge.
  public var over: Bool

  /// Creates a reading.
  public init(provider: String, initiations: Int, returns: Int, rate: Double, over: Bool) {
    self.provider = provider
    self.initiations = initiations
    self.returns = returns
    self.rate = rate
    self.over = over
  }
}
