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
    logger.info("draining", metadata: ["in_flight": "\(inFlight.count)"])
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

  /// Re-reads the configuration file and applies what can change without a restart (limits,
  /// intervals, schedules, provider settings); in-flight work goes on untouched. On `queue`.
  func reload() {
    guard let path = configurationPath else {
      logger.info("SIGHUP: no configuration file to reload")
      return
    }
    do {
      let fresh = try RuntimeConfiguration(file: ConfigurationFile.load(path: path))
      configuration.maxInFlight = fresh.maxInFlight
      configuration.claimBatch = fresh.claimBatch
      configuration.leaseDuration = fresh.leaseDuration
      configuration.pollInterval = fresh.pollInterval
      configuration.promptSweepInterval = fresh.promptSweepInterval
      configuration.drainTimeout = fresh.drainTimeout
      // The settle delay and the money-call budget keep their start-up values: calls in flight
      // were bounded by the old budget, and the settle delay must outlast it.
      var verification = fresh.verification
      verification.initiateSettleDelay = configuration.verification.initiateSettleDelay
      configuration.verification = verification
      configuration.finicity = fresh.finicity
      configuration.folio = fresh.folio
      configuration.folioAPIKey = fresh.folioAPIKey
      configuration.folioSharedSecret = fresh.folioSharedSecret
      machine = .init(configuration: verification)
      gateway = Self.makeGateway(configuration, http: http)
      armPoll(at: .now())
      armRenewal()
      logger.info(
        "configuration reloaded (database, instance, listen, the settle delay and the money-call budget need a restart)",
        metadata: ["max_in_flight": "\(configuration.maxInFlight)"])
    } catch {
      logger.error(
        "configuration reload failed; keeping the old one", metadata: ["error": "\(error)"])
    }
  }
}
