/// The micro-entry fraud policy: the velocity rules a queued Finicity job is screened by before
/// any initiation is sent (docs/fraud.md). Defaults, and why:
///
/// - ``FraudRule/customersPerAccount``: at most 3 customers per account in 30 days, `hold`. A
///   joint account or a household may verify one account for two or three people; more is how
///   a stolen account number is validated under many identities. Holding costs an operator a
///   look, never a deposit.
/// - ``FraudRule/accountsPerCustomer``: at most 5 accounts per customer in 30 days, `hold`.
///   Customers link one to three accounts; fifteen in a month is probing.
/// - ``FraudRule/failedVerificationsPerCustomer``: fewer than 3 failed verifications per
///   customer in 30 days, `observe`. Honest customers mistype; the third exhausted job of one
///   customer is worth an event and a metric, not a stopped job.
public struct FraudPolicy: Sendable, Hashable {
  /// ``FraudRule/customersPerAccount``'s settings.
  public var customersPerAccount: VelocityLimit
  /// ``FraudRule/accountsPerCustomer``'s settings.
  public var accountsPerCustomer: VelocityLimit
  /// ``FraudRule/failedVerificationsPerCustomer``'s settings.
  public var failedVerificationsPerCustomer: VelocityLimit

  /// Creates a policy (the defaults above).
  public init(
    customersPerAccount: VelocityLimit = VelocityLimit(
      limit: 3, window: .seconds(30 * 86_400), action: .hold),
    accountsPerCustomer: VelocityLimit = VelocityLimit(
      limit: 5, window: .seconds(30 * 86_400), action: .hold),
    failedVerificationsPerCustomer: VelocityLimit = VelocityLimit(
      limit: 3, window: .seconds(30 * 86_400), action: .observe)
  ) {
    self.customersPerAccount = customersPerAccount
    self.accountsPerCustomer = accountsPerCustomer
    self.failedVerificationsPerCustomer = failedVerificationsPerCustomer
  }

  /// A policy with every rule off.
  public static let off = FraudPolicy(
    customersPerAccount: VelocityLimit(limit: 1, window: .seconds(1), action: .off),
    accountsPerCustomer: VelocityLimit(limit: 1, window: .seconds(1), action: .off),
    failedVerificationsPerCustomer: VelocityLimit(limit: 1, window: .seconds(1), action: .off))

  /// The settings of `rule`.
  public func limit(for rule: FraudRule) -> VelocityLimit {
    switch rule {
    case .customersPerAccount: customersPerAccount
    case .accountsPerCustomer: accountsPerCustomer
    case .failedVerificationsPerCustomer: failedVerificationsPerCustomer
    }
  }

  /// The window the database counts `rule` in, or `nil` when the rule is off (not counted).
  public func countingWindow(for rule: FraudRule) -> Duration? {
    let limit = limit(for: rule)
    return limit.action == .off ? nil : limit.window
  }

  /// The rules `counts` break, in the order of ``FraudRule/allCases``; a rule that is off or was
  /// not counted never breaks.
  public func hits(_ counts: VelocityCounts) -> [FraudHit] {
    FraudRule.allCases.compactMap { rule in
      let limit = limit(for: rule)
      guard limit.action != .off, let count = counts.count(for: rule),
        rule.isBroken(count: count, limit: limit.limit)
      else { return nil }
      return FraudHit(rule: rule, count: count, limit: limit)
    }
  }

  /// Of `hits`, the one that acts: the most severe action, the first such rule.
  public static func acting(_ hits: [FraudHit]) -> FraudHit? {
    hits.max { $0.action.severity < $1.action.severity }.flatMap { most in
      hits.first { $0.action == most.action }
    }
  }
}
