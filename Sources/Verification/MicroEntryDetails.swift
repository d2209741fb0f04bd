/// Finicity's micro-entry details; any field may be missing.
public struct MicroEntryDetails: Sendable, Hashable {
  /// The status, when present and known (a status this build does not know reads as `nil`).
  public var status: MicroEntryStatus?
  /// Finicity's description of the status.
  public var statusDescription: String?
  /// The routing number, when given (reconciliation matches on it).
  public var routingNumber: String?
  /// The account number's last four digits, when given.
  public var accountNumberLast4: String?

  /// Creates details.
  public init(
    status: MicroEntryStatus?, statusDescription: String? = nil, routingNumber: String? = nil,
    accountNumberLast4: String? = nil
  ) {
    self.status = status
    self.statusDescription = statusDescription
    self.routingNumber = routingNumber
    self.accountNumberLast4 = accountNumberLast4
  }
}
