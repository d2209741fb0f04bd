import Foundation
import JobQueue
import Providers
import Verification

/// What one runner carries from one decision to the next, kept on the heap.
///
/// A runner's async frame lives as long as its job is in flight, and it held the job's values
/// and every temporary of deciding and committing: about 9 KB per job in flight (with a
/// thousand in flight, most of the daemon's memory; docs/PERFORMANCE.md). The runner now holds
/// references to this and to each ``JobStep``, and the deciding happens in plain functions whose
/// temporaries live on the thread's stack.
final class JobRun {
  /// The claimed job.
  let job: ClaimedJob
  /// The rules that decide.
  let machine: VerificationMachine
  /// The provider calls.
  let gateway: ProviderGateway
  /// The job as the last decision left it.
  private var snapshot: JobSnapshot
  /// What the next decision reacts to.
  private var event: VerificationEvent
  /// The last call's measurement, committed with the next decision.
  private var measurement: CallMeasurement?
  /// What the row's `data` holds: the claimed job's, then each committed image's.
  private var stored: JobData

  /// A run of `job`, or `nil` when its row did not read.
  @inline(never)
  init?(_ job: ClaimedJob, machine: VerificationMachine, gateway: ProviderGateway) {
    guard let snapshot = job.snapshot else { return nil }
    (self.job, self.machine, self.gateway) = (job, machine, gateway)
    self.snapshot = snapshot
    self.event = .due(submissions: job.submissions)
    self.stored = snapshot.data
  }

  /// Decides the next step. A money call's permit is asked for while its intent commits, so the
  /// two waits overlap; one not spent (the write failed, the lease was lost) is given up
  /// (``JobStep/permit``).
  @inline(never)
  func next() -> JobStep {
    let now = Timestamp.now
    let context = DecisionContext(
      now: now, freshAttemptID: AttemptID(rawValue: UUID().uuidString.lowercased()),
      jitter: Double.random(in: 0..<1))
    let decision = machine.decide(snapshot, on: event, context: context)
    let priority = decision.call.map { $0.priority(in: decision.job.state) }
    let permit: EarlyPermit? =
      if let call = decision.call, let priority, !decision.writes.isEmpty {
        gateway.earlyPermit(for: call, priority: priority)
      } else { nil }
    let commit =
      decision.writes.isEmpty
      ? nil
      : JobCommit(
        lease: job.lease, decision: decision, measurement: measurement, now: now,
        storedData: stored)
    return JobStep(decision: decision, now: now, priority: priority, commit: commit, permit: permit)
  }

  /// The step's writes committed: the row holds its image now.
  @inline(never)
  func committed(_ step: JobStep) {
    stored = step.decision.image(at: step.now).data
  }

  /// The step's call answered: the next decision reacts to `answer`.
  @inline(never)
  func answered(_ step: JobStep, _ answer: VerificationEvent, _ measured: CallMeasurement) {
    (event, measurement) = (answer, measured)
    snapshot = step.decision.job
  }
}
