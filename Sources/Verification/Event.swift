/// What happened to a job: the input of ``VerificationMachine/decide(_:on:context:)``.
public enum Event: Sendable, Hashable {
  /// The daemon claimed the job because it is due (its `run_at` passed, a submission arrived, or
  /// the local expiry was reached): decide what to do next. `submissions` are the job's
  /// unfinished submissions (`pending` and `submitting`), in any order.
  case due(submissions: [Submission])
  /// The result of ``Action/callInitiate(attemptID:)``.
  case initiated(CallOutcome<InitiatedAccount>)
  /// The result of ``Action/callDetails(accountID:)``.
  case detailsRead(CallOutcome<MicroEntryDetails>)
  /// The result of ``Action/listAccountsToReconcile``.
  case accountsListed(CallOutcome<[AVAAccount]>)
  /// The result of ``Action/callVerify(submissionID:amounts:)``.
  case verifyAnswered(CallOutcome<VerifyAnswer>)
  /// The result of ``Action/readBankLink``.
  case bankLinkRead(CallOutcome<BankLink>)
  /// An operator or the application asked to cancel the job.
  case cancel(reason: String?)
}

/// The inputs of a decision that are not the job: the time and the daemon's fresh values.
public struct DecisionContext: Sendable, Hashable {
  /// The current time (the module never reads a clock).
  public var now: Timestamp
  /// A new uuid, used only if the decision starts a new initiation attempt.
  public var freshAttemptID: AttemptID
  /// A uniformly random value in `0..<1` for the backoff's full jitter.
  public var jitter: Double

  /// Creates a context.
  public init(now: Timestamp, freshAttemptID: AttemptID, jitter: Double) {
    self.now = now
    self.freshAttemptID = freshAttemptID
    self.jitter = jitter
  }
}
