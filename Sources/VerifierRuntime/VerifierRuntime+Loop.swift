import Dispatch
import Foundation
import JobQueue
import Verification

extension VerifierRuntime {
  /// Jobs may be due: claim if ``LoopState`` says so. On `queue`.
  func wake() {
    perform(loop.with { $0.state.wake() })
  }

  /// Carries out what ``LoopState`` decided; `claimed` holds the jobs a claim just returned, for
  /// their runners. On `queue`.
  func perform(_ commands: [LoopState.Command], claimed: [Lease: ClaimedJob] = [:]) {
    for command in commands {
      switch command {
      case .claim(let limit): claim(limit: limit)
      case .run(let lease): if let job = claimed[lease] { startRunner(job) }
      case .release(let leases): release(leases)
      case .sweep: sweepPrompts()
      case .finish(let leases): finishDrain(releasing: leases)
      }
    }
  }

  /// One claim round trip (the jobs and their open submissions); a failed one claims nothing
  /// (jobs it may have leased are rescued when their leases expire). On `queue`.
  func claim(limit: Int) {
    let (lease, screening) = loop.with {
      $0.health.began(.claim, at: DispatchTime.now().uptimeNanoseconds)
      return ($0.configuration.leaseDuration, $0.machine.configuration.fraud)
    }
    let control = control
    Task {
      var jobs: [ClaimedJob]?
      do {
        jobs = try await control.claim(limit: limit, leaseDuration: lease, screening: screening)
        self.recordClaim(jobs ?? [])
      } catch {
        self.logger.warning("claim failed", metadata: ["error": "\(error)"])
      }
      let round = jobs
      self.queue.async {
        // The round ends before the next one can begin (claimed may claim again).
        let told = self.loop.with {
          $0.health.ended(.claim, failure: round == nil ? "claim failed" : nil)
        }
        self.tell(told)
        let claimed = Dictionary((round ?? []).map { ($0.lease, $0) }) { first, _ in first }
        let commands = self.loop.with {
          $0.state.claimed((round ?? []).map(\.lease), limit: limit)
        }
        self.perform(commands, claimed: claimed)
      }
    }
  }

  /// Starts a runner for a claimed job. On `queue`.
  func startRunner(_ job: ClaimedJob) {
    let (machine, gateway) = loop.with { ($0.machine, $0.gateway) }
    Task {
      let next = await self.runJob(job, machine: machine, gateway: gateway)
      self.queue.async { self.runnerEnded(job.lease, nextRunAt: next) }
    }
  }

  /// A runner is done with a job. On `queue`.
  func runnerEnded(_ lease: Lease, nextRunAt: Timestamp?) {
    let draining = loop.with {
      $0.health.jobFinished()
      return $0.state.draining
    }
    if !draining, let nextRunAt { wakeAt(nextRunAt) }
    perform(loop.with { $0.state.runnerEnded(lease) })
  }

  /// Gives leases back at once. On `queue`.
  func release(_ leases: [Lease]) {
    let control = control
    Task {
      do { try await control.release(leases) } catch {
        self.logger.warning("releasing leases failed", metadata: ["error": "\(error)"])
      }
      self.queue.async { self.perform(self.loop.with { $0.state.released() }) }
    }
  }

  /// Arms the backstop timer, the prompt sweep and the lease renewal. On `queue`.
  func startTimers() {
    let (poll, sweep, renew) = (
      DispatchSource.makeTimerSource(queue: queue), DispatchSource.makeTimerSource(queue: queue),
      DispatchSource.makeTimerSource(queue: queue)
    )
    poll.setEventHandler { [weak self] in
      guard let self else { return }
      self.loop.with { $0.pollDeadline = nil }
      self.wake()
      self.armPoll(at: .now() + self.loop.with { $0.configuration.pollInterval.timeInterval })
    }
    sweep.setEventHandler { [weak self] in
      guard let self else { return }
      self.perform(self.loop.with { $0.state.sweepDue() })
    }
    renew.setEventHandler { [weak self] in self?.renewLeases() }
    loop.with {
      $0.pollTimer = poll
      $0.sweepTimer = sweep
      $0.renewTimer = renew
    }
    armPoll(at: .now() + loop.with { $0.configuration.pollInterval.timeInterval })
    armSweep(at: .now())
    armRenewal()
    for timer in [poll, sweep, renew] { timer.resume() }
  }

  /// Sweeps prompts from `start` on, every `prompt_sweep_seconds` (again after a reload). On
  /// `queue`.
  func armSweep(at start: DispatchTime) {
    loop.with {
      let every = max(0.05, $0.configuration.promptSweepInterval.timeInterval)
      $0.sweepTimer?.schedule(deadline: start, repeating: every)
    }
  }

  /// Renews leases every third of the lease duration (again after a reload changes it). On
  /// `queue`.
  func armRenewal() {
    loop.with {
      let every = max(0.05, $0.configuration.leaseDuration.timeInterval / 3)
      $0.renewTimer?.schedule(deadline: .now() + every, repeating: every)
    }
  }

  /// Re-arms the backstop poll for `deadline`. On `queue`.
  func armPoll(at deadline: DispatchTime) {
    loop.with {
      $0.pollDeadline = deadline
      $0.pollTimer?.schedule(deadline: deadline, repeating: .never)
    }
  }

  /// Wakes no later than shortly after `runAt` (a job this daemon wrote is due then). On `queue`.
  func wakeAt(_ runAt: Timestamp) {
    let delay = max(0, (runAt - Timestamp.now).timeInterval) + 0.01
    let deadline = DispatchTime.now() + delay
    if let current = loop.with({ $0.pollDeadline }), current <= deadline { return }
    armPoll(at: deadline)
  }

  /// Marks due prompts and announces them, and refuses submissions left on finished jobs
  /// (``LoopState`` allows one sweep at a time). On `queue`.
  func sweepPrompts() {
    loop.with { $0.health.began(.sweep, at: DispatchTime.now().uptimeNanoseconds) }
    let control = control
    Task {
      var failure: String?
      do {
        if try await control.sweepDuePrompts() > 0 { self.deliverer?.wake() }
        try await control.refuseOrphanedSubmissions()
      } catch {
        self.logger.warning("prompt sweep failed", metadata: ["error": "\(error)"])
        failure = "prompt sweep failed"
      }
      let failed = failure
      self.queue.async {
        let told = self.loop.with {
          $0.state.sweepEnded()
          return $0.health.ended(.sweep, failure: failed)
        }
        self.tell(told)
      }
    }
  }

  /// Extends the leases of every job in flight (long provider calls keep their jobs). On `queue`.
  func renewLeases() {
    let (leases, duration) = loop.with {
      ($0.state.leasesToRenew, $0.configuration.leaseDuration)
    }
    guard !leases.isEmpty else { return }
    let control = control
    Task {
      do {
        let held = try await control.renew(leases, by: duration)
        let missing = leases.filter { !held.contains($0) }
        // A lease our own write-back released or finished while the renewal ran is missing
        // too, and was not lost: only a job another daemon now holds counts.
        let lost = try await control.takenOver(missing)
        if lost > 0 {
          // Our runners' next writes fail on the stale tokens.
          self.logger.warning("leases lost", metadata: ["jobs": "\(lost)"])
          self.metrics.leasesLost(lost, detectedBy: .renewal)
        }
      } catch {
        self.logger.warning("lease renewal failed", metadata: ["error": "\(error)"])
        self.queue.async { self.loop.with { $0.health.failed("lease renewal failed") } }
      }
    }
  }
}
