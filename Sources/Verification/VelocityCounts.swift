/// What the database counted for a queued Finicity job when it was claimed, one count per
/// ``FraudRule`` in the rule's window; a rule that is off counts 0 (its subquery is skipped) and never breaks.
public struct VelocityCounts: Sendable, Hashable {
  /// ``FraudRule/customersPerAccount``'s count.
  public var customersForAccount: Int?
  /// ``FraudRule/accountsPerCustomer``'s count.
  public var accountsForCustomer: Int?
  /// ``FraudRule/failedVerificationsPerCustomer``'s count.
  public var failuresForCustomer: Int?

  /// Creates counts.
  public init(customersForAccount: Int?, accountsForCustomer: Int?, failuresForCustomer: Int?) {
    self.customersForAccount = customersForAccount
    self.accountsForCustomer = accountsForCustomer
    self.failuresForCustomer = failuresForCustomer
  }

  /// The count of `rule`, when it was counted.
  public func count(for rule: FraudRule) -> Int? {
    switch rule {
    case .customersPerAccount: customersForAccount
    case .accountsPerCustomer: accountsForCustomer
    case .failedVerificationsPerCustomer: failuresForCustomer
    }
  }
}
