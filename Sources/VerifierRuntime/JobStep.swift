import JobQueue
import Providers
import Verification

/// One decision of a ``JobRun`` and what carrying it out needs.
final class JobStep {
  /// The decision.
  let decision: Decision
  /// When it was decided.
  let now: Timestamp
  /// The job's provider (read once here: reading `decision.job.provider` inside the runner's
  /// async functions crashes this toolchain's optimizer, "Found ownership error").
  let provider: Provider
  /// The priority of its call; `nil` when it makes none.
  let priority: CallPriority?
  /// Its writes, to commit before the call; `nil` when it writes nothing.
  let commit: JobCommit?
  /// The permit asked for ahead for its money call.
  let permit: EarlyPermit?

  init(
    decision: Decision, now: Timestamp, priority: CallPriority?, commit: JobCommit?,
    permit: EarlyPermit?
  ) {
    (self.decision, self.now, self.priority) = (decision, now, priority)
    provider = decision.job.provider
    (self.commit, self.permit) = (commit, permit)
  }
}
