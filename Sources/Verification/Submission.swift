/// The status of an amount submission (`verifier.amount_submissions.status`).
public enum SubmissionStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Inserted by the application, not yet considered.
  case pending
  /// Being sent: written before the verify call.
  case submitting
  /// The provider confirmed the amounts.
  case verified
  /// The amounts did not match; attempts remain.
  case mismatch
  /// The amounts did not match and no attempts remain.
  case attemptsExhausted = "attempts_exhausted"
  /// Not sent, so no attempt was spent; see the reason.
  case refused
  /// Sent but failed, or its result could not be established; see the reason.
  case error
}

/// Why a submission was refused without spending an attempt (the text goes to `reason`).
public enum RefusalReason: String, Sendable, Hashable, CaseIterable {
  /// The job is not awaiting amounts (too early, or finished).
  case notAwaitingAmounts = "the job is not awaiting amounts"
  /// Another submission for the job is being sent or reconciled.
  case anotherInFlight = "another submission is in flight"
  /// No verification attempts are left.
  case noAttemptsLeft = "no verification attempts are left"
  /// The amounts are not two exact amounts from 0.01 to 0.99.
  case malformedAmounts = "the amounts must be two exact amounts from 0.01 to 0.99"
  /// It was made after the local expiry.
  case expired = "the verification expired before the amounts were submitted"
  /// The job was canceled.
  case canceled = "the job was canceled"
}

/// An amount submission not yet finished (status `pending` or `submitting`), as the daemon read
/// it.
public struct Submission: Sendable, Hashable {
  /// The row id.
  public var id: Int64
  /// `pending` or `submitting`.
  public var status: SubmissionStatus
  /// The two amounts; `nil` when the row does not hold two exact amounts from 0.01 to 0.99 (the
  /// submission is then refused without spending an attempt).
  public var amounts: AmountPair?
  /// When the application inserted it.
  public var createdAt: Timestamp

  /// Creates a submission.
  public init(
    id: Int64, status: SubmissionStatus = .pending, amounts: AmountPair?, createdAt: Timestamp
  ) {
    self.id = id
    self.status = status
    self.amounts = amounts
    self.createdAt = createdAt
  }

  /// A submission whose amounts are the texts PostgreSQL prints for the row's two `numeric`
  /// elements (`nil` for a missing one), read by ``AmountPair/init(decimalTexts:_:)``.
  public init(
    id: Int64, status: SubmissionStatus = .pending, amountTexts first: String?, _ second: String?,
    createdAt: Timestamp
  ) {
    let amounts = first.flatMap { first in
      second.flatMap { AmountPair(decimalTexts: first, $0) }
    }
    self.init(id: id, status: status, amounts: amounts, createdAt: createdAt)
  }
}

extension Submission: CustomStringConvertible {
  /// The id and status; the amounts are redacted.
  public var description: String { "Submission(id: \(id), status: \(status.rawValue))" }
}
