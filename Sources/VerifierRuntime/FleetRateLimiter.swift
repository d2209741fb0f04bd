import JobQueue
import Logging
import Observability
import Providers
import Verification

/// One provider's permits for this daemon's calls, leased from the fleet's shared row
/// (``RateLimitStore``): calls wait in a ``PermitQueue`` (money first, with aging); one lease
/// round trip at a time asks for as many permits as calls wait (at most a batch) and hands each
/// permit to a waiting call at once, so the daemon never holds a permit and a daemon killed
/// strands none.
///
/// Fails closed: while the database cannot be reached, no permit is granted (calls wait, and a
/// money call past its budget is not sent); never a burst on recovery, as the bucket's capacity
/// is one batch.
actor FleetRateLimiter: CallPermits {
  let store: RateLimitStore
  let configuredRate: Double
  let metrics: VerifierMetrics
  let logger: Logger
  private var waiting = PermitQueue()
  private var continuations: [Int: CheckedContinuation<CallPermit, any Error>] = [:]
  private var nextID = 0
  private var pumping = false
  private var failing = false
  private let clock = ContinuousClock()
  private let origin: ContinuousClock.Instant

  /// A limiter over `store` for a daemon configured at `configuredRate`.
  init(store: RateLimitStore, configuredRate: Double, metrics: VerifierMetrics, logger: Logger) {
    self.store = store
    self.configuredRate = configuredRate
    self.metrics = metrics
    self.logger = logger
    origin = clock.now
  }

  private var provider: String { store.provider.rawValue }
  private var elapsed: Duration { clock.now - origin }

  /// Waits for a permit in class `priority`.
  func acquire(_ priority: CallPriority) async throws -> CallPermit {
    let id = nextID
    nextID += 1
    let arrived = clock.now
    let permit = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<CallPermit, any Error>) in
        guard !Task.isCancelled else { return continuation.resume(throwing: CancellationError()) }
        continuations[id] = continuation
        waiting.add(id, priority: priority, now: elapsed)
        if !pumping {
          pumping = true
          Task { await self.pump() }
        }
      }
    } onCancel: {
      Task { await self.cancel(id) }
    }
    metrics.permitWaited(provider: provider, priority: priority.label, clock.now - arrived)
    return permit
  }

  /// Reports a refusal to the fleet (a pause for every daemon, a lower rate).
  func refused(_ permit: CallPermit, retryAfter: Duration?, cause: String) async {
    do {
      let (began, state) = try await store.refused(
        retryAfter: retryAfter, cause: cause, configuredRate: configuredRate,
        permitGeneration: permit.generation)
      if began {
        metrics.rateLimitPaused(provider: provider, cause: cause)
        logger.info(
          "provider paused for its rate limit",
          metadata: [
            "provider": "\(provider)", "cause": "\(cause)",
            "rate": "\(Int(state.rate.rounded()))",
          ])
      }
      observe(state)
    } catch {
      logger.warning(
        "recording a rate-limit refusal failed",
        metadata: ["provider": "\(provider)", "error": "\(error)"])
    }
  }

  private func cancel(_ id: Int) {
    guard waiting.remove(id) else { return }
    continuations.removeValue(forKey: id)?.resume(throwing: CancellationError())
  }

  /// Leases for the waiting calls until none waits.
  private func pump() async {
    while !waiting.isEmpty {
      var pause = Duration.milliseconds(1)
      do {
        let (grant, state) = try await store.lease(
          want: min(waiting.count, store.law.batch), configuredRate: configuredRate)
        if failing {
          failing = false
          logger.info("rate-limit permits available again", metadata: ["provider": "\(provider)"])
        }
        observe(state)
        let permit = CallPermit(generation: grant.generation)
        for id in waiting.next(grant.permits, now: elapsed) {
          continuations.removeValue(forKey: id)?.resume(returning: permit)
        }
        metrics.permitsGranted(provider: provider, grant.permits)
        if let retryIn = grant.retryIn { pause = max(pause, retryIn) }
      } catch {
        if !failing {
          failing = true
          logger.warning(
            "leasing rate-limit permits failed; no calls until the database answers",
            metadata: ["provider": "\(provider)", "error": "\(error)"])
        }
        pause = .milliseconds(250)
      }
      guard !waiting.isEmpty else { break }
      try? await Task.sleep(for: pause)
    }
    pumping = false
  }

  private func observe(_ state: FleetRate) {
    metrics.fleetRate(
      provider: provider, rate: state.rate, configured: state.configuredRate,
      paused: state.pausedUntil != nil)
  }
}
