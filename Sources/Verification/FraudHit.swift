/// A velocity rule a job broke: what was counted, what was allowed, what it does.
public struct FraudHit: Sendable, Hashable {
  /// The rule.
  public var rule: FraudRule
  /// What the database counted.
  public var count: Int
  /// The rule's settings.
  public var limit: VelocityLimit

  /// Creates a hit.
  public init(rule: FraudRule, count: Int, limit: VelocityLimit) {
    self.rule = rule
    self.count = count
    self.limit = limit
  }

  /// The action the rule takes.
  public var action: FraudAction { limit.action }

  /// The event's message: the rule, the count, the limit and the window; never an identifier.
  public var message: String {
    let allowed =
      rule == .failedVerificationsPerCustomer
      ? "fewer than \(limit.limit)" : "at most \(limit.limit)"
    return "\(rule.rawValue): \(rule.describe(count: count)) in \(Self.days(limit.window)) "
      + "(\(allowed)); action \(action.rawValue)"
  }

  /// A window in days (or hours, when shorter than two days), for messages.
  static func days(_ window: Duration) -> String {
    let hours = Double(window.components.seconds) / 3600
    if hours >= 48 {
      let days = hours / 24
      return days == days.rounded() ? "\(Int(days)) days" : "\(days) days"
    }
    return hours == hours.rounded() ? "\(Int(hours)) hours" : "\(hours) hours"
  }
}
