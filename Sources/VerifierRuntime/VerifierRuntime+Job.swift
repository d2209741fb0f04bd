import Foundation
import JobQueue
import Verification

extension VerifierRuntime {
  /// Carries one claimed job as far as it goes now: decide, commit the decision's writes (intent
  /// before any provider call), make the call, feed its result back, until a decision makes no
  /// call. Returns when the job is due next, if it was released with a run time.
  ///
  /// A write whose lease no longer holds stops the runner (another daemon owns the job); a failed
  /// write leaves the job leased until its lease expires, when a claim rescues it.
  func runJob(
    _ job: ClaimedJob, submissions: [Submission], machine: VerificationMachine,
    gateway: ProviderGateway
  ) async -> Timestamp? {
    guard var snapshot = job.snapshot else {
      await park(job)
      return nil
    }
    var event = Event.due(submissions: submissions)
    var measurement: CallMeasurement?
    while true {
      let now = Timestamp.now
      let context = DecisionContext(
        now: now, freshAttemptID: AttemptID(rawValue: UUID().uuidString.lowercased()),
        jitter: Double.random(in: 0..<1))
      let decision = machine.decide(snapshot, on: event, context: context)
      if decision.hasWrites {
        do {
          let write = decision.jobWrite(lease: job.lease, measurement: measurement, now: now)
          guard try await writer.apply(write) else {
            logger.info("lease lost; another daemon has the job", metadata: ["job": "\(job.id)"])
            metrics.leasesLost(1, detectedBy: .write)
            return nil
          }
          recordCommitted(decision)
        } catch {
          logger.warning("write-back failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
          queue.async { self.health.failed("write-back failed") }
          return nil
        }
      }
      guard let call = decision.providerCall else { return decision.nextRunAt }
      logger.debug(
        "provider call",
        metadata: [
          "job": "\(job.id)", "provider": "\(decision.job.provider)",
          "endpoint": "\(call.endpoint?.rawValue ?? "other")",
        ])
      (event, measurement) = await gateway.perform(call, for: job, snapshot: decision.job)
      recordCall(call, provider: decision.job.provider, event: event, measurement: measurement)
      snapshot = decision.job
    }
  }

  /// Parks a job this build cannot read (an unknown provider or state, unreadable bookkeeping):
  /// leaves it as it is, due again in an hour, with one `alert` event for an operator
  /// (`verifierd jobs show`). Never guesses, so never moves money on a misread job.
  func park(_ job: ClaimedJob) async {
    logger.error(
      "job cannot be read by this build; parked for an hour", metadata: ["job": "\(job.id)"])
    let update = JobUpdate(
      lease: job.lease, state: job.state, runAt: Date().addingTimeInterval(3600),
      events: [
        JobEvent(
          kind: "alert", fromState: job.state, toState: job.state,
          message:
            "this verifierd cannot read the job (provider, state or data); parked for an hour")
      ])
    do { try await control.write([update]) } catch {
      logger.warning("parking the job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
    }
  }
}
