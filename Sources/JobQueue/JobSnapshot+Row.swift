import Foundation
import Verification

extension JobSnapshot {
  /// The machine's view of a claimed row; `nil` when a column holds something this build does not
  /// know or lacks what the provider's requests need, or the bookkeeping in `data` does not read.
  /// Unreadable bookkeeping is never replaced by defaults (see ``Parking``).
  init?(row: PGRow) throws {
    guard let provider = Provider(rawValue: try row.decode("provider")),
      let state = JobState(rawValue: try row.decode("state")),
      let data = JobDataJSON.decode(try row.decode("data", as: String.self)),
      let party = try Self.party(provider, row)
    else { return nil }
    let outcome: Outcome?
    if let text = try row.decodeIfPresent("outcome", as: String.self) {
      guard let known = Outcome(rawValue: text) else { return nil }
      outcome = known
    } else {
      outcome = nil
    }
    self.init(
      party: party, state: state, createdAt: Timestamp(try row.decode("created_at", as: Date.self)),
      attemptID: try row.decodeIfPresent("attempt_id", as: UUID.self).map {
        AttemptID(rawValue: $0.uuidString.lowercased())
      },
      providerAccountID: try row.decodeIfPresent("provider_account_id"),
      attemptsRemaining: try row.decodeIfPresent("attempts_remaining"),
      retryStartedAt: try row.decodeIfPresent("retry_started_at", as: Date.self).map(
        Timestamp.init),
      outcome: outcome, providerCode: try row.decodeIfPresent("provider_code"),
      providerMessage: try row.decodeIfPresent("provider_message"),
      cancelRequested: try row.decodeIfPresent("cancel_requested_at", as: Date.self) != nil,
      data: data)
  }

  /// The business columns of `provider`'s job; `nil` when one its requests need is missing.
  private static func party(_ provider: Provider, _ row: PGRow) throws -> JobParty? {
    switch provider {
    case .finicity:
      guard let customer = try row.decodeIfPresent("customer_id", as: String.self),
        let name = try row.decodeIfPresent("receiver_name", as: String.self),
        let routing = try row.decodeIfPresent("routing_number", as: String.self),
        let last4 = try row.decodeIfPresent("account_last4", as: String.self)
      else { return nil }
      return .finicity(
        FinicityParty(
          customerID: customer, receiverName: name, routingNumber: routing, accountLast4: last4,
          accountNumber: try row.decodeIfPresent("account_number", as: String.self).map(
            AccountNumber.init),
          accountType: FinicityAccountType(column: try row.decodeIfPresent("account_type"))))
    case .folio:
      guard let account = try row.decodeIfPresent("folio_account_number", as: String.self),
        let link = try row.decodeIfPresent("bank_link_oid", as: String.self),
        let owner = try row.decodeIfPresent("owner_login_id", as: String.self)
      else { return nil }
      return .folio(
        FolioBankLinkReference(
          accountNumber: AccountNumber(account), bankLinkOID: link, ownerLoginID: owner))
    }
  }
}
