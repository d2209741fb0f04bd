import Dispatch
import Foundation
import JobQueue

#if canImport(Glibc)
  import Glibc
#endif

extension VerifierRuntime {
  /// Stops claiming and waits for in-flight jobs, at most the drain timeout. On `queue`.
  func beginDrain() {
    guard let commands = loop.with({ $0.state.beginDrain() }) else { return }
    onDrain?()
    let (inFlight, timeout) = loop.with {
      $0.pollTimer?.cancel()
      $0.sweepTimer?.cancel()
      return ($0.state.inFlight.count, $0.configuration.drainTimeout)
    }
    logger.info("draining", metadata: ["in_flight": "\(inFlight)"])
    notify {
      try $0.stopping()
      try $0.status(self.statusLine())
    }
    queue.asyncAfter(deadline: .now() + timeout.timeInterval) {
      self.perform(self.loop.with { $0.state.drainTimedOut() })
    }
    perform(commands)
  }

  /// The drain is done: releases the leases still held and resumes ``run(handleSignals:)``. On
  /// `queue`.
  func finishDrain(releasing leases: [Lease]) {
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
        let drained = self.loop.with { loop in
          loop.renewTimer?.cancel()
          loop.watchdogTimer?.cancel()
          for source in loop.signalSources { source.cancel() }
          defer { loop.drained = nil }
          return loop.drained
        }
        drained?.resume()
      }
    }
  }

  /// SIGTERM and SIGINT drain; SIGHUP reloads. On `queue`.
  func installSignalSources() {
    var sources: [DispatchSourceSignal] = []
    for (number, drains) in [(SIGTERM, true), (SIGINT, true), (SIGHUP, false)] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in
        guard let self else { return }
        if drains { self.beginDrain() } else { self.reload() }
      }
      source.resume()
      sources.append(source)
    }
    loop.with { $0.signalSources = sources }
  }
}
