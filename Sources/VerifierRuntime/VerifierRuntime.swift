import Dispatch
import Foundation
import JobQueue
import Logging
import Observability
import Providers
import SystemdSupport
import Verification
import VerifierConfiguration
import Webhooks

/// The daemon's run loop: wakes on `NOTIFY verifier_jobs` (a `DispatchSourceRead` in
/// ``PGListener``) and on a `DispatchSourceTimer` backstop, claims due jobs in batches under
/// leases, drives each through ``VerificationMachine`` with its provider calls running
/// concurrently (up to `maxInFlight`), writes results back in group-committed batches, renews
/// leases of long calls, sweeps due prompts, and drains on ``stop()`` (SIGTERM/SIGINT).
///
/// What the loop decides is a value (``LoopState``, ``LoopHealth``); everything it changes lives
/// in one ``QueueBound`` on the loop's serial queue, checked on every access. libpq work runs on
/// the connections' own queues and provider calls on the Swift concurrency pool, so neither
/// blocks the other.
public final class VerifierRuntime: Sendable {
  let queue: DispatchQueue
  let logger: Logger
  let http: ProviderHTTPClient
  let control: JobStore
  let writer: WriteBatcher
  /// The connection fleet rate-limit leases run on (their own, never queued behind claims).
  let limits: PGConnection
  let sources: ConfigurationSources?
  let notifier: SystemdNotifier
  let onReload: (@Sendable (RuntimeConfiguration) -> Void)?
  let onDrain: (@Sendable () -> Void)?
  let metrics: VerifierMetrics
  /// The webhook delivery worker, when endpoints are configured (its own connection).
  let deliverer: WebhookDeliverer?
  /// The loop's mutable state: on `queue` only.
  let loop: QueueBound<LoopContext>
  /// The configuration the runtime was made with (its database, instance and listen setting do
  /// not change on reload).
  let startup: RuntimeConfiguration

  /// Creates a runtime (``make(_:loaded:sources:notifier:onReload:onDrain:logger:metrics:)`` is
  /// the public way); ``run(handleSignals:)`` starts it. On SIGHUP (or ``reload()``) the
  /// configuration is loaded again from `sources`, and `onReload` sees what was applied (the log
  /// level, say); `onDrain` hears that draining began. `notifier` tells systemd about readiness,
  /// status and progress; `metrics` records what the loop does (claims, calls, transitions).
  init(
    configuration: RuntimeConfiguration, loaded: LoadedConfiguration? = nil,
    sources: ConfigurationSources? = nil, notifier: SystemdNotifier = SystemdNotifier(),
    onReload: (@Sendable (RuntimeConfiguration) -> Void)? = nil,
    onDrain: (@Sendable () -> Void)? = nil, logger: Logger = Logger(label: "verifierd"),
    metrics: VerifierMetrics = VerifierMetrics()
  ) {
    let queue = DispatchQueue(label: "verifierd.loop")
    self.queue = queue
    startup = configuration
    self.sources = sources
    self.notifier = notifier
    self.onReload = onReload
    self.onDrain = onDrain
    self.metrics = metrics
    self.logger = logger
    let http = ProviderHTTPClient(configuration: configuration.http)
    self.http = http
    let limits = PGConnection(configuration: configuration.database, label: "verifierd.limits")
    self.limits = limits
    let subscriptions = configuration.webhooks.subscriptions
    control = JobStore(
      connection: PGConnection(configuration: configuration.database, label: "verifierd.control"),
      instance: configuration.instance, subscriptions: subscriptions)
    let deliverer = Self.makeDeliverer(configuration, metrics: metrics, logger: logger)
    self.deliverer = deliverer
    loop = QueueBound(
      LoopContext(
        configuration: configuration, loaded: loaded,
        machine: VerificationMachine(configuration: configuration.verification),
        gateway: Self.makeGateway(
          configuration, http: http, limits: limits, metrics: metrics, logger: logger),
        state: LoopState(
          claimBatch: configuration.claimBatch, maxInFlight: configuration.maxInFlight),
        health: LoopHealth(
          stallLimit: max(configuration.leaseDuration, (notifier.watchdogInterval ?? .zero) * 2))),
      on: queue)
    let loop = self.loop
    writer = WriteBatcher(
      store: JobStore(
        connection: PGConnection(configuration: configuration.database, label: "verifierd.write"),
        instance: configuration.instance, subscriptions: subscriptions),
      // A batch that committed webhook events gave the delivery worker work.
      onAnnounced: { deliverer?.wake() },
      onBatch: { began in
        // A group commit is a round trip LoopHealth watches, like a claim: a write queue
        // stalled on a hung server withholds the watchdog ping.
        let now = DispatchTime.now().uptimeNanoseconds
        queue.async {
          loop.with {
            if began { $0.health.began(.write, at: now) } else { _ = $0.health.ended(.write) }
          }
        }
      })
  }

  /// Runs until drained: after ``stop()``, SIGTERM or SIGINT (with `handleSignals`), in-flight
  /// calls get the drain timeout to finish, then their leases are released. SIGHUP reloads the
  /// configuration file when `handleSignals`.
  public func run(handleSignals: Bool = false) async throws {
    let listener: PGListener?
    do {
      try startup.validate()
      queue.async { self.notify { try $0.status("starting: checking the schema") } }
      try await checkSchema()
      listener = try await startListener()
      await deliverer?.start()
    } catch {
      await deliverer?.stop()
      try? await http.shutdown()
      throw error
    }
    logger.info(
      "verifierd running",
      metadata: [
        "instance": "\(startup.instance)", "max_in_flight": "\(startup.maxInFlight)",
        "listen": "\(startup.listen)",
      ])
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async {
        self.loop.with {
          $0.drained = continuation
          $0.listener = listener
        }
        self.startTimers()
        self.startWatchdog()
        if handleSignals { self.installSignalSources() }
        self.wake()
      }
    }
    await listener?.stop()
    await deliverer?.stop()
    try? await http.shutdown()
    logger.info("verifierd stopped")
  }

  /// LISTENs for wake-ups, unless configured to poll only.
  func startListener() async throws -> PGListener? {
    guard startup.listen else { return nil }
    let listener = PGListener(
      configuration: startup.database, channels: [VerifierChannel.jobs],
      label: "verifierd.listen", logger: logger
    ) { [weak self] _ in
      guard let self else { return }
      self.queue.async { self.wake() }
    }
    try await listener.start()
    return listener
  }

  /// Begins draining: stop claiming, let in-flight calls finish within the drain timeout, release
  /// what is left, and return from ``run(handleSignals:)``.
  public func stop() {
    queue.async { self.beginDrain() }
  }

  /// Claim round trips completed so far (tests wait for the first before relying on NOTIFY).
  public var claimRounds: Int {
    get async { await onLoop { $0.state.claimRounds } }
  }

  /// The jobs this runtime holds right now.
  public var inFlightCount: Int {
    get async { await onLoop { $0.state.inFlight.count } }
  }

  /// Reads the loop's state on its queue, from outside it.
  private func onLoop<T: Sendable>(_ read: @escaping @Sendable (LoopContext) -> T) async -> T {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: read(self.loop.wrapped)) }
    }
  }

}
