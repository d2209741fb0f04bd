/// What the machine decided: the job as it will be once the writes are committed, the writes in
/// order, and at most one provider call, which the daemon makes only after committing the writes.
/// The shape itself says "at most one call, and it comes last".
public struct Decision: Sendable, Hashable {
  /// The job after the decision's writes.
  public var job: JobSnapshot
  /// The writes, in the order the daemon applies them (one transaction).
  public var writes: [DecisionWrite]
  /// The provider call to make once the writes are committed, if any.
  public var call: ProviderCall?
  /// A money-moving call is not sent after this instant and is cancelled at it (the commit of
  /// its intent plus the money-call budget); `nil` for reads and decisions without a call.
  public var callDeadline: Timestamp?

  /// Creates a decision.
  public init(
    job: JobSnapshot, writes: [DecisionWrite] = [], call: ProviderCall? = nil,
    callDeadline: Timestamp? = nil
  ) {
    self.job = job
    self.writes = writes
    self.call = call
    self.callDeadline = callDeadline
  }

  /// The state writes, in order.
  public var stateWrites: [StateWrite] {
    writes.compactMap { if case .state(let write) = $0 { return write } else { return nil } }
  }

  /// The event records, in order.
  public var records: [EventRecord] {
    writes.compactMap { if case .record(let record) = $0 { return record } else { return nil } }
  }

  /// The outcome, when this decision finishes the job.
  public var finishedWith: Outcome? {
    writes.lazy.compactMap {
      if case .notifyFinished(let outcome) = $0 { return outcome } else { return nil }
    }.first
  }

  /// When the job is due next after this decision's writes, when it releases the lease with a
  /// run time.
  public var nextRunAt: Timestamp? {
    guard call == nil, let last = stateWrites.last, case .runAt(let at) = last.schedule else {
      return nil
    }
    return at
  }

  /// The image of the job's columns to commit at `now`: the last state write (each is a full
  /// image), or, for a decision that writes no state, the job as it is, keeping the lease when a
  /// call follows and due at once otherwise.
  public func image(at now: Timestamp) -> StateWrite {
    stateWrites.last
      ?? StateWrite(
        job: job, schedule: call == nil ? .runAt(now) : .keepLease, clearAccountNumber: false)
  }

  /// Whether any write clears the account number.
  public var clearsAccountNumber: Bool { stateWrites.contains(where: \.clearAccountNumber) }
}
