/// The settings of one provider's flow.
public struct ProviderSettings: Sendable, Hashable {
  /// Local expiry, counted from entering `awaiting_amounts` (default 14 days; inferred).
  public var expiry: Duration
  /// Folio: how long after the job's creation it starts awaiting amounts (the deposits were sent
  /// when the bank link was made). Ignored for Finicity.
  public var startDelay: Duration
  /// When to prompt the customer.
  public var prompts: PromptSchedule
  /// The attempts a customer has when the provider does not say (Finicity, inferred: 3);
  /// `nil` when only the provider's answers count (Folio's `Remaining Attempts=N`).
  public var maxAttempts: Int?
  /// Finicity: the longest a job may stay `pending` before it ends `expired` (the entries never
  /// settled); `nil` for no limit.
  public var pendingLimit: Duration?

  /// Creates settings. Defaults: 14 days expiry, no start delay, default prompts, no attempt
  /// count, no pending limit.
  public init(
    expiry: Duration = .seconds(14 * 86_400), startDelay: Duration = .zero,
    prompts: PromptSchedule = PromptSchedule(), maxAttempts: Int? = nil,
    pendingLimit: Duration? = nil
  ) {
    self.expiry = expiry
    self.startDelay = startDelay
    self.prompts = prompts
    self.maxAttempts = maxAttempts
    self.pendingLimit = pendingLimit
  }

  /// Finicity defaults: 3 attempts and a 7-day pending limit (both inferred).
  public static let finicityDefault = ProviderSettings(
    maxAttempts: 3, pendingLimit: .seconds(7 * 86_400))

  /// Folio defaults: start awaiting amounts 1 day after creation (inferred).
  public static let folioDefault = ProviderSettings(startDelay: .seconds(86_400))
}

/// Everything the state machine is configured with. Pure values; the daemon loads them from its
/// configuration file.
public struct VerificationConfiguration: Sendable, Hashable {
  /// Finicity's flow settings.
  public var finicity: ProviderSettings
  /// Folio's flow settings.
  public var folio: ProviderSettings
  /// Backoff and retry window for transient provider failures.
  public var retry: RetryPolicy
  /// When to read Finicity's details.
  public var poll: PollSchedule
  /// The least time between committing a money-moving call (initiate or verify) and reconciling
  /// it (listing accounts, reading details or the bank link), so a slow call has landed before the
  /// provider's state is trusted. The daemon never lets such a call run past a shorter budget
  /// measured from the same commit, which is what makes this wait safe.
  public var initiateSettleDelay: Duration
  /// The longest a money-moving call (initiate, verify) may run, measured from the commit of its
  /// intent: it is not sent later and is cancelled at that deadline (``Decision/callDeadline``).
  public var moneyCallBudget: Duration

  /// Creates a configuration (defaults: see each type; 30 seconds settle delay, 20 seconds
  /// money-call budget).
  public init(
    finicity: ProviderSettings = .finicityDefault, folio: ProviderSettings = .folioDefault,
    retry: RetryPolicy = RetryPolicy(), poll: PollSchedule = PollSchedule(),
    initiateSettleDelay: Duration = .seconds(30), moneyCallBudget: Duration = .seconds(20)
  ) {
    self.finicity = finicity
    self.folio = folio
    self.retry = retry
    self.poll = poll
    self.initiateSettleDelay = initiateSettleDelay
    self.moneyCallBudget = moneyCallBudget
  }

  /// What breaks the rule that keeps money moves single, or `nil`: the budget must be positive
  /// and the settle delay longer than it, so no daemon reads the provider's state while another
  /// daemon's initiate or verify could still land.
  public var moneyCallProblem: String? {
    guard moneyCallBudget > .zero else {
      return "http.money_call_budget_seconds must be above 0"
    }
    guard initiateSettleDelay > moneyCallBudget else {
      return "schedules.initiate_settle_seconds (\(initiateSettleDelay)) must be longer than "
        + "http.money_call_budget_seconds (\(moneyCallBudget)): a daemon must never reconcile a job "
        + "while another daemon's initiate or verify could still land"
    }
    return nil
  }

  /// The settings of `provider`.
  public func settings(for provider: Provider) -> ProviderSettings {
    switch provider {
    case .finicity: finicity
    case .folio: folio
    }
  }
}
