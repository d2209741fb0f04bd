/// Finicity's receiver account types (`checking` and `savings` are being retired and not offered).
public enum FinicityAccountType: String, Sendable, Hashable, CaseIterable {
  /// A personal checking account.
  case personalChecking
  /// A business checking account.
  case businessChecking
  /// A personal savings account.
  case personalSavings
  /// A business savings account.
  case businessSavings

  /// The type for the job's `account_type` column: a Finicity type as itself; the column's short
  /// forms `checking` (or no type) and `savings` as the personal types; anything else as personal
  /// checking (the insert trigger refuses other texts).
  public init(column text: String?) {
    switch text {
    case "savings": self = .personalSavings
    case let text?: self = FinicityAccountType(rawValue: text) ?? .personalChecking
    case nil: self = .personalChecking
    }
  }
}
