import Dispatch
import Foundation
import JobQueue
import Verification

extension VerifierRuntime {
  /// Claims due jobs if there is room; otherwise remembers to claim once there is. On `queue`.
  func wake() {
    dispatchPrecondition(condition: .onQueue(queue))
    guard !draining else { return }
    let room = configuration.maxInFlight - inFlight.count
    guard room > 0, !claiming else {
      wantsClaim = true
      return
    }
    claiming = true
    health.began(.claim, at: DispatchTime.now().uptimeNanoseconds)
    wantsClaim = false
    let limit = min(configuration.claimBatch, room)
    let lease = configuration.leaseDuration
    let control = control
    Task {
      let round = await self.claimDue(control, limit: limit, lease: lease)
      self.queue.async {
        // The round ends before the next one can begin (claimed may claim again).
        self.tell(self.health.ended(.claim, failure: round == nil ? "claim failed" : nil))
        self.claimed(round?.0 ?? [], submissions: round?.1 ?? [], limit: limit)
      }
    }
  }

  /// One claim round trip and the claimed jobs' open submissions; `nil` when it fails (the
  /// jobs, if any were claimed, are rescued when their leases expire).
  func claimDue(_ control: JobStore, limit: Int, lease: Duration) async -> (
    [ClaimedJob], [OpenSubmission]
  )? {
    do {
      let claimed = try await control.claim(limit: limit, leaseDuration: lease)
      recordClaim(claimed)
      return (claimed, try await control.openSubmissions(of: claimed.map(\.id)))
    } catch {
      logger.warning("claim failed", metadata: ["error": "\(error)"])
      return nil
    }
  }

  /// Starts a runner per claimed job (or gives them back when draining). On `queue`.
  func claimed(_ jobs: [ClaimedJob], submissions: [OpenSubmission], limit: Int) {
    claiming = false
    claimRoundsDone += 1
    if draining {
      release(jobs.map(\.lease))
      checkDrain()
      return
    }
    let byJob = Dictionary(grouping: submissions, by: \.jobID)
    let machine = machine
    let gateway = gateway
    for job in jobs {
      // A runner of ours still holds this job under an older lease (it lapsed and we claimed it
      // again): never two runners for one job. Give the new lease back; the old runner's next
      // write fails on its stale token and ends it, and the job is claimed afresh.
      guard inFlight[job.id] == nil else {
        release([job.lease])
        continue
      }
      inFlight[job.id] = job.lease
      let open = (byJob[job.id] ?? []).map(\.machineSubmission)
      Task {
        let next = await self.runJob(job, submissions: open, machine: machine, gateway: gateway)
        self.queue.async { self.jobFinished(job.lease, nextRunAt: next) }
      }
    }
    if jobs.count == limit { wantsClaim = true }
    if wantsClaim { wake() }
  }

  /// A runner is done with a job. On `queue`.
  func jobFinished(_ lease: Lease, nextRunAt: Timestamp?) {
    if inFlight[lease.jobID] == lease { inFlight[lease.jobID] = nil }
    health.jobFinished()
    if draining {
      checkDrain()
      return
    }
    if let nextRunAt { wakeAt(nextRunAt) }
    if wantsClaim { wake() }
  }

  /// Gives leases back at once (jobs claimed while draining). On `queue`.
  func release(_ leases: [Lease]) {
    guard !leases.isEmpty else { return }
    releasing += 1
    let control = control
    Task {
      do { try await control.release(leases) } catch {
        self.logger.warning("releasing leases failed", metadata: ["error": "\(error)"])
      }
      self.queue.async {
        self.releasing -= 1
        self.checkDrain()
      }
    }
  }

  /// Arms the backstop timer, the prompt sweep and the lease renewal. On `queue`.
  func startTimers() {
    let poll = DispatchSource.makeTimerSource(queue: queue)
    poll.setEventHandler { [weak self] in
      guard let self else { return }
      self.pollDeadline = nil
      self.wake()
      self.armPoll(at: .now() + self.configuration.pollInterval.timeInterval)
    }
    pollTimer = poll
    armPoll(at: .now() + configuration.pollInterval.timeInterval)
    poll.resume()
    let sweep = DispatchSource.makeTimerSource(queue: queue)
    sweep.setEventHandler { [weak self] in self?.sweepPrompts() }
    sweepTimer = sweep
    armSweep(at: .now())
    sweep.resume()
    let renew = DispatchSource.makeTimerSource(queue: queue)
    renew.setEventHandler { [weak self] in self?.renewLeases() }
    renewTimer = renew
    armRenewal()
    renew.resume()
  }

  /// Sweeps prompts from `start` on, every `prompt_sweep_seconds` (again after a reload). On
  /// `queue`.
  func armSweep(at start: DispatchTime) {
    let every = max(0.05, configuration.promptSweepInterval.timeInterval)
    sweepTimer?.schedule(deadline: start, repeating: every)
  }

  /// Renews leases every third of the lease duration (again after a reload changes it). On `queue`.
  func armRenewal() {
    let every = max(0.05, configuration.leaseDuration.timeInterval / 3)
    renewTimer?.schedule(deadline: .now() + every, repeating: every)
  }

  /// Re-arms the backstop poll for `deadline`. On `queue`.
  func armPoll(at deadline: DispatchTime) {
    pollDeadline = deadline
    pollTimer?.schedule(deadline: deadline, repeating: .never)
  }

  /// Wakes no later than shortly after `runAt` (a job this daemon wrote is due then).
  func wakeAt(_ runAt: Timestamp) {
    let delay = max(0, (runAt - Timestamp.now).timeInterval) + 0.01
    let deadline = DispatchTime.now() + delay
    if let current = pollDeadline, current <= deadline { return }
    armPoll(at: deadline)
  }

  /// Marks due prompts and announces them (one sweep at a time). On `queue`.
  func sweepPrompts() {
    guard !sweeping, !draining else { return }
    sweeping = true
    health.began(.sweep, at: DispatchTime.now().uptimeNanoseconds)
    let control = control
    Task {
      var failure: String?
      do { try await control.sweepDuePrompts() } catch {
        self.logger.warning("prompt sweep failed", metadata: ["error": "\(error)"])
        failure = "prompt sweep failed"
      }
      let failed = failure
      self.queue.async {
        self.sweeping = false
        self.tell(self.health.ended(.sweep, failure: failed))
      }
    }
  }

  /// Extends the leases of every job in flight (long provider calls keep their jobs). On `queue`.
  func renewLeases() {
    let leases = Array(inFlight.values)
    guard !leases.isEmpty else { return }
    let control = control
    let duration = configuration.leaseDuration
    Task {
      do {
        let held = try await control.renew(leases, by: duration)
        if held.count < leases.count {
          // Another daemon took these over; our runners' next writes fail on the stale tokens.
          self.logger.warning("leases lost", metadata: ["jobs": "\(leases.count - held.count)"])
          self.metrics.leasesLost(leases.count - held.count, detectedBy: .renewal)
        }
      } catch {
        self.logger.warning("lease renewal failed", metadata: ["error": "\(error)"])
        self.queue.async { self.health.failed("lease renewal failed") }
      }
    }
  }
}
