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
  /// The job finished while the submission was being inserted, before any daemon read it.
  case jobFinished = "the job finished before the amounts were read"
}
