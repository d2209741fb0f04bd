/// One velocity rule's settings: how many in what window, and what breaking it does.
public struct VelocityLimit: Sendable, Hashable {
  /// The most the rule allows in the window (see ``FraudRule/isBroken(count:limit:)``).
  public var limit: Int
  /// How far back the rule counts.
  public var window: Duration
  /// What breaking the rule does.
  public var action: FraudAction

  /// Creates a limit.
  public init(limit: Int, window: Duration, action: FraudAction) {
    self.limit = limit
    self.window = window
    self.action = action
  }
}
