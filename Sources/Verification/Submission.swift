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
