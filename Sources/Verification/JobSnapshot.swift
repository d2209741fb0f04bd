/// What the machine knows of a job: the columns the daemon read when it claimed it.
public struct JobSnapshot: Sendable, Hashable {
  /// The provider (`provider`).
  public var provider: Provider
  /// The current state (`state`).
  public var state: JobState
  /// When the application inserted the job (`created_at`).
  public var createdAt: Timestamp
  /// Finicity: the routing number, to match the AVA account when reconciling.
  public var routingNumber: String?
  /// Finicity: the account's last four digits (`account_last4`), to match when reconciling.
  public var accountLast4: String?
  /// Whether the clear account number is still stored (`account_number IS NOT NULL`).
  public var hasAccountNumber: Bool
  /// The current initiation attempt (`attempt_id`).
  public var attemptID: AttemptID?
  /// Finicity's account id for the micro entries (`provider_account_id`).
  public var providerAccountID: String?
  /// Verification attempts left, when known (`attempts_remaining`).
  public var attemptsRemaining: Int?
  /// Start of the current retry streak (`retry_started_at`).
  public var retryStartedAt: Timestamp?
  /// The outcome, once finished (`outcome`).
  public var outcome: Outcome?
  /// The provider's code that decided the outcome (`provider_code`).
  public var providerCode: String?
  /// The provider's message that decided the outcome (`provider_message`).
  public var providerMessage: String?
  /// Bookkeeping (`data`).
  public var data: JobData

  /// Creates a snapshot; a new job is `queued` with empty bookkeeping.
  public init(
    provider: Provider, state: JobState = .queued, createdAt: Timestamp,
    routingNumber: String? = nil, accountLast4: String? = nil, hasAccountNumber: Bool = false,
    attemptID: AttemptID? = nil, providerAccountID: String? = nil, attemptsRemaining: Int? = nil,
    retryStartedAt: Timestamp? = nil, outcome: Outcome? = nil, providerCode: String? = nil,
    providerMessage: String? = nil, data: JobData = JobData()
  ) {
    self.provider = provider
    self.state = state
    self.createdAt = createdAt
    self.routingNumber = routingNumber
    self.accountLast4 = accountLast4
    self.hasAccountNumber = hasAccountNumber
    self.attemptID = attemptID
    self.providerAccountID = providerAccountID
    self.attemptsRemaining = attemptsRemaining
    self.retryStartedAt = retryStartedAt
    self.outcome = outcome
    self.providerCode = providerCode
    self.providerMessage = providerMessage
    self.data = data
  }
}
