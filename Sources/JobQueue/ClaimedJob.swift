import Foundation

/// A job as the daemon sees it after claiming it. Full account numbers appear only while the
/// initiation still needs them.
public struct ClaimedJob: Sendable {
  /// The lease that guards every write-back.
  public var lease: Lease
  /// When the lease runs out unless renewed.
  public var leaseExpiresAt: Date
  /// True when the job was taken over from a daemon whose lease expired.
  public var rescued: Bool
  /// How many times the job has been claimed, this claim included.
  public var claimCount: Int
  /// `finicity` or `folio`.
  public var provider: String
  /// The current state (see the `verifier.jobs` state list).
  public var state: String
  /// The application's own reference, if given.
  public var externalRef: String?
  /// Finicity: customer id.
  public var customerID: String?
  /// Finicity: the receiver's name.
  public var receiverName: String?
  /// Finicity: routing number.
  public var routingNumber: String?
  /// Finicity: full account number (cleared once the initiation is confirmed).
  public var accountNumber: String?
  /// Finicity: account type.
  public var accountType: String?
  /// Finicity: last four digits of the account number.
  public var accountLast4: String?
  /// Folio: the Folio account number.
  public var folioAccountNumber: String?
  /// Folio: the bank link.
  public var bankLinkOID: String?
  /// Folio: the owner's login id.
  public var ownerLoginID: String?
  /// The attempt id written before an initiation call.
  public var attemptID: UUID?
  /// The provider's account id once initiated.
  public var providerAccountID: String?
  /// Verify attempts the provider says remain.
  public var attemptsRemaining: Int?
  /// When the current run of retries began.
  public var retryStartedAt: Date?
  /// The daemon's extra state, as JSON text.
  public var data: String
  /// When the application inserted the job.
  public var createdAt: Date

  /// The job id.
  public var id: Int64 { lease.jobID }

  init(row: PGRow) throws {
    lease = Lease(jobID: try row.decode("id"), token: try row.decode("lease_token"))
    leaseExpiresAt = try row.decode("lease_expires_at")
    rescued = try row.decode("rescued")
    claimCount = try row.decode("claim_count")
    provider = try row.decode("provider")
    state = try row.decode("state")
    externalRef = try row.decodeIfPresent("external_ref")
    customerID = try row.decodeIfPresent("customer_id")
    receiverName = try row.decodeIfPresent("receiver_name")
    routingNumber = try row.decodeIfPresent("routing_number")
    accountNumber = try row.decodeIfPresent("account_number")
    accountType = try row.decodeIfPresent("account_type")
    accountLast4 = try row.decodeIfPresent("account_last4")
    folioAccountNumber = try row.decodeIfPresent("folio_account_number")
    bankLinkOID = try row.decodeIfPresent("bank_link_oid")
    ownerLoginID = try row.decodeIfPresent("owner_login_id")
    attemptID = try row.decodeIfPresent("attempt_id")
    providerAccountID = try row.decodeIfPresent("provider_account_id")
    attemptsRemaining = try row.decodeIfPresent("attempts_remaining")
    retryStartedAt = try row.decodeIfPresent("retry_started_at")
    data = try row.decode("data")
    createdAt = try row.decode("created_at")
  }

  /// The columns ``init(row:)`` reads, qualified by `alias`.
  static func columns(_ alias: String) -> String {
    [
      "id", "lease_token", "lease_expires_at", "claim_count", "provider", "state", "external_ref",
      "customer_id", "receiver_name", "routing_number", "account_number", "account_type",
      "account_last4", "folio_account_number", "bank_link_oid", "owner_login_id", "attempt_id",
      "provider_account_id", "attempts_remaining", "retry_started_at", "data", "created_at",
    ].map { "\(alias).\($0)" }.joined(separator: ", ")
  }
}
