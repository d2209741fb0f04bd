import Foundation
import JobQueue
import Providers
import Verification

extension VerifierRuntime {
  /// Carries one claimed job as far as it goes now: decide, commit the decision's writes (intent
  /// before any provider call), make the call, feed its result back, until a decision makes no
  /// call. Returns when the job is due next, if it was released with a run time.
  ///
  /// A write whose lease no longer holds stops the runner (another daemon owns the job); a failed
  /// write leaves the job leased until its lease expires, when a claim rescues it.
  @inline(never)
  func runJob(_ job: ClaimedJob, machine: VerificationMachine, gateway: ProviderGateway) async
    -> Timestamp?
  {
    guard let run = JobRun(job, machine: machine, gateway: gateway) else {
      await park(job, reason: Self.unreadable(job))
      return nil
    }
    return await carry(run)
  }

  /// Why a job that does not read is parked.
  @inline(never)
  static func unreadable(_ job: ClaimedJob) -> String? {
    job.unreadable.map { "\($0) does not read" }
  }

  /// The runner's loop (``runJob(_:machine:gateway:)``). Its frame lives as long as the job is
  /// in flight, so it holds references only: each wait's values live in the frame of the
  /// function that waits (``write(_:)``, ``call(_:_:)``), for that wait only.
  @inline(never)
  private func carry(_ run: JobRun) async -> Timestamp? {
    while true {
      let step = run.next()
      defer { step.permit?.cancel() }
      if step.commit != nil {
        do {
          guard try await write(step) else {
            leaseLost(run)
            return nil
          }
          stepCommitted(run, step)
        } catch {
          // The server refused this job's own write (the batch was retried commit by commit) for
          // what it holds: it waits for an operator instead of coming back every lease. Other
          // failures leave the job leased until its lease expires, when a claim rescues it.
          if let refusal = Self.refusal(error) {
            await park(run, reason: refusal)
          } else {
            writeFailed(run, error)
          }
          return nil
        }
      }
      guard step.priority != nil else { return step.decision.nextRunAt }
      await call(run, step)
    }
  }

  /// Commits the step's writes; true when the lease still held.
  @inline(never)
  private func write(_ step: JobStep) async throws -> Bool {
    guard let commit = step.commit else { return true }
    return try await writer.apply(commit)
  }

  /// Makes the step's call; the next decision reacts to its answer.
  @inline(never)
  private func call(_ run: JobRun, _ step: JobStep) async {
    guard let call = step.decision.call, let priority = step.priority else { return }
    logger.debug(
      "provider call",
      metadata: [
        "job": "\(run.job.id)", "provider": "\(step.provider)",
        "endpoint": "\(call.endpoint.rawValue)",
      ])
    let (answer, measured) = await run.gateway.perform(
      call, priority: priority, deadline: step.decision.callDeadline, permit: step.permit)
    recordCall(call, provider: step.provider, event: answer, measurement: measured)
    run.answered(step, answer, measured)
  }

  /// Parks the run's job (its write was refused).
  @inline(never)
  private func park(_ run: JobRun, reason: String) async {
    await park(run.job, reason: reason)
  }

  /// Another daemon owns the job now: the runner stops.
  @inline(never)
  func leaseLost(_ run: JobRun) {
    logger.info("lease lost; another daemon has the job", metadata: ["job": "\(run.job.id)"])
    metrics.leasesLost(1, detectedBy: .write)
  }

  /// The write-back failed (not for what the job holds).
  @inline(never)
  func writeFailed(_ run: JobRun, _ error: any Error) {
    logger.warning("write-back failed", metadata: ["job": "\(run.job.id)", "error": "\(error)"])
    queue.async { self.loop.with { $0.health.failed("write-back failed") } }
  }

  /// Why a write the server refused for what the job holds parks it (the rule's name, never a
  /// value); `nil` for any other failure.
  @inline(never)
  static func refusal(_ error: any Error) -> String? {
    guard let error = error as? PGError, error.refusesData else { return nil }
    let rule = [error.sqlState, error.constraint ?? error.column].compactMap { $0 }
    return "its write-back was refused: " + rule.joined(separator: " ")
  }

  /// The step's writes committed.
  @inline(never)
  func stepCommitted(_ run: JobRun, _ step: JobStep) {
    run.committed(step)
    recordCommitted(step.decision, fraud: run.machine.configuration.fraud)
  }

  /// Parks a job this build cannot read or write (``Parking``): never guessed at, so no money
  /// moves on a misread job.
  func park(_ job: ClaimedJob, reason: String?) async {
    let parking = Parking(now: .now, reason: reason)
    logger.error(
      "job parked for an hour",
      metadata: ["job": "\(job.id)", "reason": "\(reason ?? "unreadable")"])
    do { try await control.park(job, parking) } catch {
      logger.warning("parking the job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
    }
  }
}
