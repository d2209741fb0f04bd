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
