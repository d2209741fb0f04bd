/// When to ask the customer for the amounts while a job is `awaiting_amounts`.
public struct PromptSchedule: Sendable, Hashable {
  /// Reminder offsets from entering `awaiting_amounts`.
  public var reminderOffsets: [Duration]
  /// How long before the local expiry the last-chance prompt is due.
  public var lastChanceLead: Duration

  /// Creates a schedule. Defaults: reminders after 1, 3 and 7 days; last chance 1 day before
  /// expiry.
  public init(
    reminderOffsets: [Duration] = [.seconds(86_400), .seconds(3 * 86_400), .seconds(7 * 86_400)],
    lastChanceLead: Duration = .seconds(86_400)
  ) {
    self.reminderOffsets = reminderOffsets
    self.lastChanceLead = lastChanceLead
  }

  /// The prompts for a job entering `awaiting_amounts` at `now`: the first one at once, each
  /// reminder that falls strictly between now and the last chance, and the last chance when it
  /// is still ahead. Sorted by due time.
  public func onEntering(now: Timestamp, expiresAt: Timestamp, attemptsRemaining: Int?)
    -> [PromptPlan]
  {
    let lastChance = expiresAt - lastChanceLead
    var plans = [PromptPlan(kind: .first, dueAt: now, attemptsRemaining: attemptsRemaining)]
    for offset in reminderOffsets.sorted() {
      let due = now + offset
      if due > now, due < lastChance, due < expiresAt {
        plans.append(PromptPlan(kind: .reminder, dueAt: due, attemptsRemaining: attemptsRemaining))
      }
    }
    plans.append(contentsOf: lastChancePlan(now: now, at: lastChance, attempts: attemptsRemaining))
    return plans
  }

  /// The prompts after a wrong guess (or an unknown verify result) at `now`: a `retry` prompt at
  /// once with the attempts left, and the last chance again when it is still ahead (submitting
  /// cancelled the earlier one).
  public func afterRetry(now: Timestamp, expiresAt: Timestamp, attemptsRemaining: Int?)
    -> [PromptPlan]
  {
    [PromptPlan(kind: .retry, dueAt: now, attemptsRemaining: attemptsRemaining)]
      + lastChancePlan(now: now, at: expiresAt - lastChanceLead, attempts: attemptsRemaining)
  }

  private func lastChancePlan(now: Timestamp, at lastChance: Timestamp, attempts: Int?)
    -> [PromptPlan]
  {
    guard lastChance > now else { return [] }
    return [PromptPlan(kind: .lastChance, dueAt: lastChance, attemptsRemaining: attempts)]
  }
}
