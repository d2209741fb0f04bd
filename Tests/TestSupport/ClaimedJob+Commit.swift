import JobQueue
import Verification

extension ClaimedJob {
  /// A commit that writes this job (under `lease`, by default its own) as `change` leaves its
  /// snapshot, with `schedule`, `records` and `measurement`: what a decision of the machine would
  /// commit, built by hand for tests of the write-back.
  public func commit(
    lease: Lease? = nil, schedule: Schedule, records: [EventRecord] = [],
    clearAccountNumber: Bool = false, measurement: CallMeasurement? = nil,
    _ change: (inout JobSnapshot) -> Void = { _ in }
  ) throws -> JobCommit {
    guard var job = snapshot else { throw TestSetupError("the claimed job does not read") }
    change(&job)
    var writes = records.map(DecisionWrite.record)
    writes.append(
      .state(StateWrite(job: job, schedule: schedule, clearAccountNumber: clearAccountNumber)))
    if let outcome = job.outcome, schedule == .finished { writes.append(.notifyFinished(outcome)) }
    return JobCommit(
      lease: lease ?? self.lease, decision: Decision(job: job, writes: writes),
      measurement: measurement, now: .now)
  }
}
