import Dispatch
import Foundation
import JobQueue
import Logging
import Observability
import Providers
import SystemdSupport
import Verification
import VerifierConfiguration

/// The daemon's run loop: wakes on `NOTIFY verifier_jobs` (a `DispatchSourceRead` in
/// ``PGListener``) and on a `DispatchSourceTimer` backstop, claims due jobs in batches under
/// leases, drives each through ``VerificationMachine`` with its provider calls running
/// concurrently (up to `maxInFlight`), writes results back in group-committed batches, renews
/// leases of long calls, sweeps due prompts, and drains on ``stop()`` (SIGTERM/SIGINT).
///
/// All mutable state lives on one serial queue (`queue`); libpq work runs on the connections'
/// own queues and provider calls on the Swift concurrency pool, so neither blocks the other.
public final class VerifierRuntime: @unchecked Sendable {
  let queue = DispatchQueue(label: "verifierd.loop")
  let logger: Logger
  let http: ProviderHTTPClient
  let control: JobStore
  let writer: WriteBatcher
  let sources: ConfigurationSources?
  let notifier: SystemdNotifier
  let onReload: (@Sendable (RuntimeConfiguration) -> Void)?
  let onDrain: (@Sendable () -> Void)?
  let metrics: VerifierMetrics
  var listener: PGListener?

  // Touched on `queue` only.
  var configuration: RuntimeConfiguration
  var machine: VerificationMachine
  var gateway: ProviderGateway
  var inFlight: [Int64: Lease] = [:]
  var claiming = false
  var claimRoundsDone = 0
  var wantsClaim = false
  var sweeping = false
  var draining = false
  var drainDeadlinePassed = false
  var drainDone = false
  var releasing = 0
  var pollTimer: DispatchSourceTimer?
  var pollDeadline: DispatchTime?
  var sweepTimer: DispatchSourceTimer?
  var renewTimer: DispatchSourceTimer?
  var signalSources: [DispatchSourceSignal] = []
  var drained: CheckedContinuation<Void, Never>?
  var loaded: LoadedConfiguration?
  var health: LoopHealth
  var watchdogTimer: DispatchSourceTimer?
  var notifyFailing = false

  /// Creates a runtime; ``run(handleSignals:)`` starts it. On SIGHUP (or ``reload()``) the
  /// configuration is loaded again from `sources`, and `onReload` sees what was applied (the log
  /// level, say); `onDrain` hears that draining began. `notifier` tells systemd about readiness, status and progress; `metrics`
  /// records what the loop does (claims, calls, transitions).
  public init(
    configuration: RuntimeConfiguration, loaded: LoadedConfiguration? = nil,
    sources: ConfigurationSources? = nil, notifier: SystemdNotifier = SystemdNotifier(),
    onReload: (@Sendable (RuntimeConfiguration) -> Void)? = nil,
    onDrain: (@Sendable () -> Void)? = nil, logger: Logger = Logger(label: "verifierd"),
    metrics: VerifierMetrics = VerifierMetrics()
  ) {
    self.configuration = configuration
    self.loaded = loaded
    self.sources = sources
    self.notifier = notifier
    self.onReload = onReload
    self.onDrain = onDrain
    self.metrics = metrics
    self.logger = logger
    health = LoopHealth(
      stallLimit: max(configuration.leaseDuration, (notifier.watchdogInterval ?? .zero) * 2))
    http = ProviderHTTPClient(configuration: configuration.http)
    machine = VerificationMachine(configuration: configuration.verification)
    gateway = Self.makeGateway(configuration, http: http)
    control = JobStore(
      connection: PGConnection(configuration: configuration.database, label: "verifierd.control"),
      instance: configuration.instance)
    writer = WriteBatcher(
      store: JobStore(
        connection: PGConnection(configuration: configuration.database, label: "verifierd.write"),
        instance: configuration.instance))
  }

  /// Runs until drained: after ``stop()``, SIGTERM or SIGINT (with `handleSignals`), in-flight
  /// calls get the drain timeout to finish, then their leases are released. SIGHUP reloads the
  /// configuration file when `handleSignals`.
  public func run(handleSignals: Bool = false) async throws {
    do {
      try configuration.validate()
      notify { try $0.status("starting: checking the schema") }
      try await checkSchema()
      try await startListener()
    } catch {
      try? await http.shutdown()
      throw error
    }
    logger.info(
      "verifierd running",
      metadata: [
        "instance": "\(configuration.instance)", "max_in_flight": "\(configuration.maxInFlight)",
        "listen": "\(configuration.listen)",
      ])
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async {
        self.drained = continuation
        self.startTimers()
        self.startWatchdog()
        if handleSignals { self.installSignalSources() }
        self.wake()
      }
    }
    await listener?.stop()
    try? await http.shutdown()
    logger.info("verifierd stopped")
  }

  /// LISTENs for wake-ups, unless configured to poll only.
  func startListener() async throws {
    if configuration.listen {
      let listener = PGListener(
        configuration: configuration.database, channels: [VerifierChannel.jobs],
        label: "verifierd.listen", logger: logger
      ) { [weak self] _ in
        guard let self else { return }
        self.queue.async { self.wake() }
      }
      try await listener.start()
      self.listener = listener
    }
  }

  /// Begins draining: stop claiming, let in-flight calls finish within the drain timeout, release
  /// what is left, and return from ``run(handleSignals:)``.
  public func stop() {
    queue.async { self.beginDrain() }
  }

  /// Claim round trips completed so far (tests wait for the first before relying on NOTIFY).
  public var claimRounds: Int {
    queue.sync { claimRoundsDone }
  }

  /// The jobs this runtime holds right now.
  public var inFlightCount: Int {
    queue.sync { inFlight.count }
  }

  static func makeGateway(_ configuration: RuntimeConfiguration, http: ProviderHTTPClient)
    -> ProviderGateway
  {
    ProviderGateway(
      finicity: FinicityClient(
        configuration: configuration.finicity, http: http,
        rateLimiter: RateLimiter(
          ratePerSecond: configuration.finicityRate,
          burst: max(1, Int(configuration.finicityRate)))),
      folio: FolioClient(
        configuration: configuration.folio, http: http,
        signer: FolioSigner(
          apiKey: configuration.folioAPIKey, sharedSecret: configuration.folioSharedSecret),
        rateLimiter: RateLimiter(
          ratePerSecond: configuration.folioRate, burst: max(1, Int(configuration.folioRate)))),
      moneyCallBudget: configuration.moneyCallBudget)
  }
}
