import Dispatch
import Foundation
import JobQueue

#if canImport(Glibc)
  import Glibc
#endif

extension VerifierRuntime {
  /// Stops claiming and waits for in-flight jobs, at most the drain timeout. On `queue`.
  func beginDrain() {
    guard !draining else { return }
    draining = true
    onDrain?()
    logger.info("draining", metadata: ["in_flight": "\(inFlight.count)"])
    notify {
      try $0.stopping()
      try $0.status(self.health.status(inFlight: self.inFlight.count, draining: true))
    }
    pollTimer?.cancel()
    sweepTimer?.cancel()
    queue.asyncAfter(deadline: .now() + configuration.drainTimeout.timeInterval) {
      self.drainDeadlinePassed = true
      self.checkDrain()
    }
    checkDrain()
  }

  /// Finishes the drain once nothing is in flight (or the timeout passed) and no claim or
  /// release is under way: releases the leases still held and resumes ``run(handleSignals:)``.
  func checkDrain() {
    guard draining, !drainDone, !claiming, releasing == 0 else { return }
    guard inFlight.isEmpty || drainDeadlinePassed else { return }
    drainDone = true
    let leases = Array(inFlight.values)
    inFlight = [:]
    let control = control
    Task {
      if !leases.isEmpty {
        self.logger.info(
          "releasing leases of unfinished calls", metadata: ["jobs": "\(leases.count)"])
        do { try await control.release(leases) } catch {
          self.logger.warning("releasing leases failed", metadata: ["error": "\(error)"])
        }
      }
      self.queue.async {
        self.renewTimer?.cancel()
        self.watchdogTimer?.cancel()
        for source in self.signalSources { source.cancel() }
        self.drained?.resume()
        self.drained = nil
      }
    }
  }

  /// SIGTERM and SIGINT drain; SIGHUP reloads. On `queue`.
  func installSignalSources() {
    for (number, action) in [(SIGTERM, true), (SIGINT, true), (SIGHUP, false)] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in
        guard let self else { return }
        if action {
          self.beginDrain()
        } else {
          self.reload()
        }
      }
      source.resume()
      signalSources.append(source)
    }
  }
}
