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
  /// The fraud rule that held or refused the job (`policy_rule`).
  public var policyRule: FraudRule?
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
    policyRule = job.policyRule
    self.clearAccountNumber = clearAccountNumber
    data = job.data
  }

  /// Whether this write finishes the job: the one rule for `finished_at`, which the write-back
  /// SQL follows (it keeps no list of states of its own).
  public var finishes: Bool { schedule == .finished }
}
