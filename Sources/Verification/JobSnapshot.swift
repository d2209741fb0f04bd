/// What the machine knows of a job: the columns the daemon read when it claimed it, including
/// what its provider's requests need (the full account number is redacted in every description).
public struct JobSnapshot: Sendable, Hashable {
  /// The provider and the business columns (`provider`, `customer_id`, ... `owner_login_id`).
  public var party: JobParty
  /// The current state (`state`).
  public var state: JobState
  /// When the application inserted the job (`created_at`).
  public var createdAt: Timestamp
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
  /// An application or operator asked to cancel the job (`cancel_requested_at` is set).
  public var cancelRequested: Bool
  /// Bookkeeping (`data`).
  public var data: JobData
  /// The fraud rule that held or refused the job (`policy_rule`).
  public var policyRule: FraudRule?
  /// An operator released the job from `held` (`policy_released_at` is set): it is not screened
  /// again.
  public var policyReleased: Bool
  /// What the claim counted for the fraud rules; `nil` when the job was not screened (not
  /// queued, not Finicity, released, or every rule off).
  public var velocity: VelocityCounts?

  /// Creates a snapshot; a new job is `queued` with empty bookkeeping.
  public init(
    party: JobParty, state: JobState = .queued, createdAt: Timestamp, attemptID: AttemptID? = nil,
    providerAccountID: String? = nil, attemptsRemaining: Int? = nil,
    retryStartedAt: Timestamp? = nil, outcome: Outcome? = nil, providerCode: String? = nil,
    providerMessage: String? = nil, cancelRequested: Bool = false, data: JobData = JobData(),
    policyRule: FraudRule? = nil, policyReleased: Bool = false, velocity: VelocityCounts? = nil
  ) {
    self.party = party
    self.state = state
    self.createdAt = createdAt
    self.attemptID = attemptID
    self.providerAccountID = providerAccountID
    self.attemptsRemaining = attemptsRemaining
    self.retryStartedAt = retryStartedAt
    self.outcome = outcome
    self.providerCode = providerCode
    self.providerMessage = providerMessage
    self.cancelRequested = cancelRequested
    self.data = data
    self.policyRule = policyRule
    self.policyReleased = policyReleased
    self.velocity = velocity
  }

  /// The provider (`provider`).
  public var provider: Provider { party.provider }

  /// Whether the clear Finicity account number is still stored (`account_number IS NOT NULL`).
  public var hasAccountNumber: Bool { party.finicity?.accountNumber != nil }

  /// Forgets the clear account number (the write that clears the column was emitted).
  mutating func forgetAccountNumber() {
    guard case .finicity(var finicity) = party else { return }
    finicity.accountNumber = nil
    party = .finicity(finicity)
  }
}
