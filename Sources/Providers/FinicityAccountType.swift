/// Finicity's receiver account types (`checking` and `savings` are being retired and not offered).
public enum FinicityAccountType: String, Sendable, Hashable, Codable, CaseIterable {
  case personalChecking, businessChecking, personalSavings, businessSavings
}
