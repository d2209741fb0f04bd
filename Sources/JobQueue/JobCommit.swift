import Verification

/// One decision to commit for one claimed job: applied only if the job's lease still holds, all of
/// it in the same transaction (the job's columns and events, submission marks, prompts, the
/// `verifier_finished` notification).
public struct JobCommit: Sendable {
  /// The lease the write-back presents.
  public var lease: Lease
  /// What the machine decided.
  public var decision: Decision
  /// The measured call whose result the decision handles, for its `provider_call` events.
  public var measurement: CallMeasurement?
  /// When the decision was made (a decision that writes no state is due again at this time).
  public var now: Timestamp
  /// The `data` the row holds before this commit, when the caller knows it (the claimed job's, then
  /// each committed image's): the write-back then sends no `data` when the image's is the same,
  /// and the server keeps the stored value instead of parsing and storing an equal one.
  public var storedData: JobData?

  /// Creates a commit.
  public init(
    lease: Lease, decision: Decision, measurement: CallMeasurement? = nil, now: Timestamp,
    storedData: JobData? = nil
  ) {
    self.lease = lease
    self.decision = decision
    self.measurement = measurement
    self.now = now
    self.storedData = storedData
  }

  /// Whether the job stays leased after the commit (a provider call follows).
  var keepsLease: Bool { decision.image(at: now).schedule == .keepLease }

  /// Whether the commit finishes the job.
  var finishes: Bool { decision.image(at: now).finishes }

  /// Whether committing needs statements beyond the job write-back (submission marks, prompts, or
  /// a release that may find a submission waiting).
  var hasSideEffects: Bool {
    !marks.isEmpty || cancelsPrompts || !prompts.isEmpty || (!keepsLease && !finishes)
  }

  /// Whether the job's `scheduled` prompts are cancelled.
  var cancelsPrompts: Bool { decision.writes.contains(.cancelScheduledPrompts) }

  /// The prompts to insert: those the decision scheduled, `canceled` when a later write of the
  /// same decision cancels the job's prompts.
  var prompts: [(plan: PromptPlan, status: String)] {
    var rows: [(plan: PromptPlan, status: String)] = []
    for write in decision.writes {
      switch write {
      case .schedulePrompts(let plans): rows += plans.map { ($0, "scheduled") }
      case .cancelScheduledPrompts: rows = rows.map { ($0.plan, "canceled") }
      default: continue
      }
    }
    return rows
  }

  /// The submission marks, in order.
  var marks: [SubmissionMark] {
    decision.writes.compactMap {
      if case .markSubmission(let mark) = $0 { return mark } else { return nil }
    }
  }
}
