/// One thing the daemon must do, in order. The daemon commits every action before a provider
/// call (there is at most one, always last) in one transaction, then makes the call and feeds
/// its result back as the next ``Event``.
public enum Action: Sendable, Hashable {
  /// Write the job's daemon-owned columns.
  case writeState(StateWrite)
  /// Finicity: initiate the micro entries (after `initiating` with this attempt id is committed).
  case callInitiate(attemptID: AttemptID)
  /// Finicity: read the micro-entry details of this account.
  case callDetails(accountID: String)
  /// Finicity: list the customer's AVA accounts to find one this job may have created.
  case listAccountsToReconcile
  /// Send the submission's amounts (after `verifying` and `submitting` are committed).
  case callVerify(submissionID: Int64, amounts: AmountPair)
  /// Folio: read the bank link to reconcile an uncertain verify.
  case readBankLink
  /// Insert these prompts with status `scheduled`.
  case schedulePrompts([PromptPlan])
  /// Set every `scheduled` prompt of the job to `canceled`.
  case cancelScheduledPrompts
  /// Update a submission's status, reason, attempts remaining and `processed_at`.
  case markSubmission(SubmissionMark)
  /// Append a row to `verifier.events` (the daemon adds HTTP status, latency and instance).
  case appendEvent(EventRecord)
  /// Send the documented NOTIFY that the job finished.
  case notifyFinished(Outcome)

  /// Whether this action calls a provider (and so must come after every write).
  public var isProviderCall: Bool {
    switch self {
    case .callInitiate, .callDetails, .listAccountsToReconcile, .callVerify, .readBankLink: true
    default: false
    }
  }
}

/// When a job runs next once a state is written.
public enum Schedule: Sendable, Hashable {
  /// A provider call follows in this decision: keep the lease (the daemon's lease expiry is the
  /// job's `run_at`, so a crash makes it due again).
  case keepLease
  /// Release the lease; the job is due again at this time.
  case runAt(Timestamp)
  /// Terminal: release the lease and set `finished_at`.
  case finished
}

/// The full image of the job's daemon-owned columns after a decision.
public struct StateWrite: Sendable, Hashable {
  /// `state`.
  public var state: JobState
  /// `run_at`, lease and `finished_at`.
  public var schedule: Schedule
  /// `attempt_id`.
  public var attemptID: AttemptID?
  /// `provider_account_id`.
  public var providerAccountID: String?
  /// `attempts_remaining`.
  public var attemptsRemaining: Int?
  /// `retry_started_at`.
  public var retryStartedAt: Timestamp?
  /// `outcome`.
  public var outcome: Outcome?
  /// `provider_code`.
  public var providerCode: String?
  /// `provider_message`.
  public var providerMessage: String?
  /// Set `account_number` to NULL (initiation confirmed, or the job finished).
  public var clearAccountNumber: Bool
  /// `data`.
  public var data: JobData

  /// The write that stores `job` with `schedule`.
  public init(job: JobSnapshot, schedule: Schedule, clearAccountNumber: Bool) {
    state = job.state
    self.schedule = schedule
    attemptID = job.attemptID
    providerAccountID = job.providerAccountID
    attemptsRemaining = job.attemptsRemaining
    retryStartedAt = job.retryStartedAt
    outcome = job.outcome
    providerCode = job.providerCode
    providerMessage = job.providerMessage
    self.clearAccountNumber = clearAccountNumber
    data = job.data
  }
}

/// A submission's new status.
public struct SubmissionMark: Sendable, Hashable {
  /// The submission's id.
  public var id: Int64
  /// Its new status.
  public var status: SubmissionStatus
  /// Why, for `refused` and `error`.
  public var reason: String?
  /// The attempts left, when known.
  public var attemptsRemaining: Int?

  /// Creates a mark.
  public init(id: Int64, status: SubmissionStatus, reason: String? = nil, attemptsRemaining: Int?) {
    self.id = id
    self.status = status
    self.reason = reason
    self.attemptsRemaining = attemptsRemaining
  }
}
