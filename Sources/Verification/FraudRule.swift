/// A velocity rule of the micro-entry fraud policy (docs/fraud.md). Each counts, in a window,
/// what one keyed account fingerprint or one customer id did; none reads an account number.
public enum FraudRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// Distinct customers one account fingerprint was enqueued for, this job's included: many
  /// customers on one account is the sign of a stolen account number being validated.
  case customersPerAccount = "customers_per_account"
  /// Distinct account fingerprints one customer was enqueued with, this job's included: one
  /// customer trying many accounts is probing.
  case accountsPerCustomer = "accounts_per_customer"
  /// Verifications of one customer that ended `attempts_exhausted`, before this job: someone who
  /// keeps failing does not know the amounts.
  case failedVerificationsPerCustomer = "failed_verifications_per_customer"

  /// Whether `count` breaks a rule allowing `limit`: the distinct counts include this job, so
  /// they may reach the limit; past failures may not.
  public func isBroken(count: Int, limit: Int) -> Bool {
    switch self {
    case .customersPerAccount, .accountsPerCustomer: count > limit
    case .failedVerificationsPerCustomer: count >= limit
    }
  }

  /// What `count` means, for an event's message: never an identifier or a fingerprint.
  func describe(count: Int) -> String {
    switch self {
    case .customersPerAccount: "\(count) customers for this account"
    case .accountsPerCustomer: "\(count) accounts for this customer"
    case .failedVerificationsPerCustomer: "\(count) failed verifications for this customer"
    }
  }
}
