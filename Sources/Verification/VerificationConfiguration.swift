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
  /// The fraud rules a queued Finicity job is screened by before it is initiated.
  public var fraud: FraudPolicy

  /// Creates a configuration (defaults: see each type; 30 seconds settle delay, 20 seconds
  /// money-call budget).
  public init(
    finicity: ProviderSettings = .finicityDefault, folio: ProviderSettings = .folioDefault,
    retry: RetryPolicy = RetryPolicy(), poll: PollSchedule = PollSchedule(),
    initiateSettleDelay: Duration = .seconds(30), moneyCallBudget: Duration = .seconds(20),
    fraud: FraudPolicy = FraudPolicy()
  ) {
    self.finicity = finicity
    self.folio = folio
    self.retry = retry
    self.poll = poll
    self.initiateSettleDelay = initiateSettleDelay
    self.moneyCallBudget = moneyCallBudget
    self.fraud = fraud
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
