/// One prompt to insert into `verifier.prompts` with status `scheduled`.
public struct PromptPlan: Sendable, Hashable {
  /// The kind of prompt.
  public var kind: PromptKind
  /// When it becomes due.
  public var dueAt: Timestamp
  /// The attempts left to tell the customer about, when known.
  public var attemptsRemaining: Int?

  /// Creates a plan.
  public init(kind: PromptKind, dueAt: Timestamp, attemptsRemaining: Int? = nil) {
    self.kind = kind
    self.dueAt = dueAt
    self.attemptsRemaining = attemptsRemaining
  }
}
