import Foundation

/// Everything one decision writes for one claimed job, committed in one transaction and only if
/// the job's lease still holds: the job's columns and events (``JobUpdate``), submission verdicts,
/// prompts, and the `verifier_finished` notification.
public struct JobWrite: Sendable {
  /// The job's columns and the events to append.
  public var update: JobUpdate
  /// New statuses of amount submissions, applied in order.
  public var submissionMarks: [SubmissionMark]
  /// Cancel the job's `scheduled` prompts (before ``prompts`` are inserted).
  public var cancelScheduledPrompts: Bool
  /// Prompts to insert.
  public var prompts: [PromptRow]
  /// Send `NOTIFY verifier_finished` for the job (it finished in this write).
  public var notifyFinished: Bool

  /// Creates a write.
  public init(
    update: JobUpdate, submissionMarks: [SubmissionMark] = [], cancelScheduledPrompts: Bool = false,
    prompts: [PromptRow] = [], notifyFinished: Bool = false
  ) {
    self.update = update
    self.submissionMarks = submissionMarks
    self.cancelScheduledPrompts = cancelScheduledPrompts
    self.prompts = prompts
    self.notifyFinished = notifyFinished
  }

  /// A submission's new status (`verifier.amount_submissions`).
  public struct SubmissionMark: Sendable, Equatable {
    /// The submission.
    public var id: Int64
    /// `submitting`, `verified`, `mismatch`, `attempts_exhausted`, `refused` or `error`.
    public var status: String
    /// Why, for `refused` and `error`.
    public var reason: String?
    /// The attempts left, when known.
    public var attemptsRemaining: Int?

    /// Creates a mark.
    public init(id: Int64, status: String, reason: String?, attemptsRemaining: Int?) {
      self.id = id
      self.status = status
      self.reason = reason
      self.attemptsRemaining = attemptsRemaining
    }
  }

  /// A prompt row to insert (`verifier.prompts`).
  public struct PromptRow: Sendable, Equatable {
    /// `first`, `reminder`, `last_chance` or `retry`.
    public var kind: String
    /// When it becomes due.
    public var dueAt: Date
    /// `scheduled`, or `canceled` when the same decision cancelled it again.
    public var status: String
    /// The attempts left to tell the customer about.
    public var attemptsRemaining: Int?

    /// Creates a prompt row.
    public init(kind: String, dueAt: Date, status: String, attemptsRemaining: Int?) {
      self.kind = kind
      self.dueAt = dueAt
      self.status = status
      self.attemptsRemaining = attemptsRemaining
    }
  }
}
