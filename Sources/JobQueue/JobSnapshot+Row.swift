import Foundation
import Verification

extension JobSnapshot {
  /// The machine's view of a claimed row, or the name of the column that does not read: one
  /// holding something this build does not know, lacking what the provider's requests need, or
  /// bookkeeping in `data` that does not read (never replaced by defaults; see ``Parking``).
  /// Never throws for what a row holds, so one odd row cannot fail its claim round.
  static func read(_ row: PGRow) -> Result<JobSnapshot, UnreadableColumn> {
    func text(_ column: String) -> Result<String?, UnreadableColumn> {
      do { return .success(try row.decodeIfPresent(column, as: String.self)) } catch {
        return .failure(UnreadableColumn(column))
      }
    }
    func required<T>(_ column: String, _ make: (String) -> T?) -> Result<T, UnreadableColumn> {
      text(column).flatMap { value in
        value.flatMap(make).map { .success($0) } ?? .failure(UnreadableColumn(column))
      }
    }
    return Result {
      let provider = try required("provider", Provider.init(rawValue:)).get()
      let state = try required("state", JobState.init(rawValue:)).get()
      let data = try required("data", JobDataJSON.decode).get()
      let party = try Self.party(provider, text).get()
      let outcome = try text("outcome").get().map { text in
        guard let known = Outcome(rawValue: text) else { throw UnreadableColumn("outcome") }
        return known
      }
      func optional<T: PGDecodable>(_ column: String, as type: T.Type) throws -> T? {
        do { return try row.decodeIfPresent(column, as: type) } catch {
          throw UnreadableColumn(column)
        }
      }
      guard let createdAt = try optional("created_at", as: Date.self) else {
        throw UnreadableColumn("created_at")
      }
      return JobSnapshot(
        party: party, state: state, createdAt: Timestamp(createdAt),
        attemptID: try optional("attempt_id", as: UUID.self).map {
          AttemptID(rawValue: $0.uuidString.lowercased())
        },
        providerAccountID: try text("provider_account_id").get(),
        attemptsRemaining: try optional("attempts_remaining", as: Int.self),
        retryStartedAt: try optional("retry_started_at", as: Date.self).map(Timestamp.init),
        outcome: outcome, providerCode: try text("provider_code").get(),
        providerMessage: try text("provider_message").get(),
        cancelRequested: try optional("cancel_requested_at", as: Date.self) != nil,
        data: data,
        policyRule: try text("policy_rule").get().map { text in
          guard let rule = FraudRule(rawValue: text) else { throw UnreadableColumn("policy_rule") }
          return rule
        },
        policyReleased: try optional("policy_released_at", as: Date.self) != nil,
        velocity: try velocity(optional))
    }.mapError { $0 as? UnreadableColumn ?? UnreadableColumn("row") }
  }

  /// The fraud screen's counts, when the claim made them (``JobStore/screenSQL``).
  private static func velocity(_ optional: (String, Int.Type) throws -> Int?) throws
    -> VelocityCounts?
  {
    let counts = VelocityCounts(
      customersForAccount: try optional("screen_customers", Int.self),
      accountsForCustomer: try optional("screen_accounts", Int.self),
      failuresForCustomer: try optional("screen_failures", Int.self))
    return counts.customersForAccount == nil && counts.accountsForCustomer == nil
      && counts.failuresForCustomer == nil ? nil : counts
  }

  /// The business columns of `provider`'s job, or the first one its requests need that is
  /// missing.
  private static func party(
    _ provider: Provider, _ text: (String) -> Result<String?, UnreadableColumn>
  ) -> Result<JobParty, UnreadableColumn> {
    func required(_ column: String) throws -> String {
      guard let value = try text(column).get() else { throw UnreadableColumn(column) }
      return value
    }
    return Result {
      switch provider {
      case .finicity:
        return .finicity(
          FinicityParty(
            customerID: try required("customer_id"), receiverName: try required("receiver_name"),
            routingNumber: try required("routing_number"),
            accountLast4: try required("account_last4"),
            accountNumber: try text("account_number").get().map(AccountNumber.init),
            accountType: FinicityAccountType(column: try text("account_type").get())))
      case .folio:
        return .folio(
          FolioBankLinkReference(
            accountNumber: AccountNumber(try required("folio_account_number")),
            bankLinkOID: try required("bank_link_oid"), ownerLoginID: try required("owner_login_id")
          ))
      }
    }.mapError { $0 as? UnreadableColumn ?? UnreadableColumn("row") }
  }
}

/// A column of a claimed row this build cannot read; names the column, never its value.
struct UnreadableColumn: Error, Sendable, Hashable {
  /// The column's name.
  var column: String
  init(_ column: String) { self.column = column }
}
