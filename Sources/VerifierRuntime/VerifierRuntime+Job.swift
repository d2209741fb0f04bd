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
  func runJob(_ job: ClaimedJob, machine: VerificationMachine, gateway: ProviderGateway) async
    -> Timestamp?
  {
    guard var snapshot = job.snapshot else {
      await park(job, reason: job.unreadable.map { "\($0) does not read" })
      return nil
    }
    var event = VerificationEvent.due(submissions: job.submissions)
    var measurement: CallMeasurement?
    // What the row's `data` holds: the claimed job's, then each committed image's.
    var stored = snapshot.data
    while true {
      let now = Timestamp.now
      let context = DecisionContext(
        now: now, freshAttemptID: AttemptID(rawValue: UUID().uuidString.lowercased()),
        jitter: Double.random(in: 0..<1))
      let decision = machine.decide(snapshot, on: event, context: context)
      // A money call's permit is asked for while its intent commits, so the two waits overlap;
      // one not spent (the write failed, the lease was lost) is given up.
      let permit: EarlyPermit? =
        if let call = decision.call, !decision.writes.isEmpty {
          gateway.earlyPermit(for: call, priority: call.priority(in: decision.job.state))
        } else { nil }
      defer { permit?.cancel() }
      if !decision.writes.isEmpty {
        do {
          let commit = JobCommit(
            lease: job.lease, decision: decision, measurement: measurement, now: now,
            storedData: stored)
          guard try await writer.apply(commit) else {
            logger.info("lease lost; another daemon has the job", metadata: ["job": "\(job.id)"])
            metrics.leasesLost(1, detectedBy: .write)
            return nil
          }
          stored = decision.image(at: now).data
          recordCommitted(decision)
        } catch let error as PGError where error.refusesData {
          // The server refused this job's own write (the batch was retried commit by commit) for
          // what it holds: it waits for an operator instead of coming back every lease. The
          // reason names the rule, never a value.
          let rule = [error.sqlState, error.constraint ?? error.column].compactMap { $0 }
          await park(job, reason: "its write-back was refused: " + rule.joined(separator: " "))
          return nil
        } catch {
          logger.warning("write-back failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
          queue.async { self.loop.with { $0.health.failed("write-back failed") } }
          return nil
        }
      }
      guard let call = decision.call else { return decision.nextRunAt }
      logger.debug(
        "provider call",
        metadata: [
          "job": "\(job.id)", "provider": "\(decision.job.provider)",
          "endpoint": "\(call.endpoint.rawValue)",
        ])
      let (answer, measured) = await gateway.perform(
        call, priority: call.priority(in: decision.job.state), deadline: decision.callDeadline,
        permit: permit)
      recordCall(call, provider: decision.job.provider, event: answer, measurement: measured)
      (event, measurement) = (answer, measured)
      snapshot = decision.job
    }
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
