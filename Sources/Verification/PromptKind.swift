/// The kind of a prompt asking the customer for the amounts (`verifier.prompts.kind`).
public enum PromptKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// On entering `awaiting_amounts`.
  case first
  /// At the configured offsets after the first prompt.
  case reminder
  /// Shortly before the local expiry.
  case lastChance = "last_chance"
  /// After a wrong guess (or an unknown verify result), saying how many attempts remain.
  case retry
}
