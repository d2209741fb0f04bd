/// One thing a decision writes. The daemon commits all of a decision's writes in one transaction
/// before its provider call, if it has one.
public enum DecisionWrite: Sendable, Hashable {
  /// Write the job's daemon-owned columns.
  case state(StateWrite)
  /// Insert these prompts with status `scheduled`.
  case schedulePrompts([PromptPlan])
  /// Set every `scheduled` prompt of the job to `canceled` (those of this decision included).
  case cancelScheduledPrompts
  /// Update a submission's status, reason, attempts remaining and `processed_at`.
  case markSubmission(SubmissionMark)
  /// Append a row to `verifier.events` (the daemon adds HTTP status, latency and instance).
  case record(EventRecord)
  /// Send the documented NOTIFY that the job finished.
  case notifyFinished(Outcome)
}
