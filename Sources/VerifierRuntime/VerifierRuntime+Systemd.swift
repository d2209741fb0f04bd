import Dispatch
import JobQueue
import SystemdSupport

extension VerifierRuntime {
  /// Refuses to run on a schema this build does not match: pending migrations, or a database
  /// newer than the binary.
  func checkSchema() async throws {
    guard try await Migrator(connection: control.connection).isCurrent() else {
      throw PGError(
        kind: .server, operation: "check schema",
        message: "schema verifier has migrations pending; run verifierd migrate first")
    }
  }

  /// Sends to systemd (a no-op outside it); a failure is logged once until a send works again,
  /// never fatal. On `queue`.
  func notify(_ body: (SystemdNotifier) throws -> Void) {
    do {
      try body(notifier)
      loop.with { $0.notifyFailing = false }
    } catch {
      if !loop.with({ $0.notifyFailing }) {
        logger.warning("sd_notify failed", metadata: ["error": "\(error)"])
      }
      loop.with { $0.notifyFailing = true }
    }
  }

  /// The `STATUS=` line for the loop as it is now. On `queue`.
  func statusLine() -> String {
    loop.with { $0.health.status(inFlight: $0.state.inFlight.count, draining: $0.state.draining) }
  }

  /// Acts on what ``LoopHealth`` decided. On `queue`.
  func tell(_ action: LoopHealth.Action) {
    switch action {
    case .ready:
      logger.info("ready: schema checked and the first claim worked")
      notify { try $0.ready(status: statusLine()) }
    case .ping:
      notify { try $0.watchdog() }
    case .withhold(let reason):
      logger.error(
        "run loop stalled; withholding the watchdog ping", metadata: ["reason": "\(reason)"])
    case .none:
      break
    }
  }

  /// Every half `WATCHDOG_USEC` (or 5 s without a watchdog): a `STATUS=` line, and `WATCHDOG=1`
  /// while the loop makes progress. Runs on `queue`, so a blocked loop never pings. On `queue`.
  func startWatchdog() {
    guard notifier.isActive else { return }
    let every = (notifier.watchdogInterval ?? .seconds(5)).timeInterval
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.setEventHandler { [weak self] in
      guard let self else { return }
      self.notify { try $0.status(self.statusLine()) }
      guard self.notifier.watchdogInterval != nil else { return }
      let action = self.loop.with { context -> LoopHealth.Action in
        guard context.health.isReady else { return .none }
        return context.health.watchdogTick(at: DispatchTime.now().uptimeNanoseconds)
      }
      self.tell(action)
    }
    timer.schedule(deadline: .now() + every, repeating: every)
    timer.resume()
    loop.with { $0.watchdogTimer = timer }
  }
}
