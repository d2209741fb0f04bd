import Foundation
import Verification

/// A job as the daemon holds it after claiming it: the lease that guards every write-back, the
/// domain's snapshot (what the machine decides from, and what the provider's requests are built
/// from), and the job's open submissions.
public struct ClaimedJob: Sendable {
  /// The lease that guards every write-back.
  public var lease: Lease
  /// When the lease runs out unless renewed.
  public var leaseExpiresAt: Date
  /// True when the job was taken over from a daemon whose lease expired.
  public var rescued: Bool
  /// How many times the job has been claimed, this claim included.
  public var claimCount: Int
  /// The `state` column as stored (a parked job keeps it).
  public var state: String
  /// The job as the machine sees it; `nil` when this build cannot read it (an unknown provider or
  /// state, a missing business column, unreadable bookkeeping): such a job is parked.
  public var snapshot: JobSnapshot?
  /// The job's open submissions (`pending` and `submitting`), oldest first.
  public var submissions: [Submission]
  /// What did not read when ``snapshot`` is `nil`: a column's name (never its value).
  public var unreadable: String?

  /// The job id.
  public var id: Int64 { lease.jobID }

  /// Reads a claimed row. Throws only when the columns the claim itself wrote (the lease) do
  /// not read; whatever else a row holds makes at most this one job unreadable (parked).
  init(row: PGRow) throws {
    lease = Lease(jobID: try row.decode("id"), token: try row.decode("lease_token"))
    leaseExpiresAt = try row.decode("lease_expires_at")
    rescued = try row.decode("rescued")
    claimCount = try row.decode("claim_count")
    state = (try? row.decode("state", as: String.self)) ?? ""
    // Submissions that do not read make the job unreadable (parked, with an alert), never
    // silently without them.
    let open: [Submission]?
    do {
      open = OpenSubmissions.read(try row.decodeIfPresent("open_submissions", as: String.self))
    } catch {
      open = nil
    }
    switch (open, JobSnapshot.read(row)) {
    case (nil, _):
      snapshot = nil
      unreadable = "open_submissions"
    case (_, .failure(let column)):
      snapshot = nil
      unreadable = column.column
    case (_, .success(let read)):
      snapshot = read
    }
    submissions = open ?? []
  }

  /// The columns ``init(row:)`` reads, qualified by `alias`.
  static func columns(_ alias: String) -> String {
    [
      "id", "lease_token", "lease_expires_at", "claim_count", "provider", "state", "customer_id",
      "receiver_name", "routing_number", "account_number", "account_type", "account_last4",
      "folio_account_number", "bank_link_oid", "owner_login_id", "attempt_id",
      "provider_account_id", "attempts_remaining", "retry_started_at", "outcome", "provider_code",
      "provider_message", "cancel_requested_at", "data", "created_at", "account_key", "policy_rule",
      "policy_released_at",
    ].map { "\(alias).\($0)" }.joined(separator: ", ")
  }
}
