import Dispatch
import Foundation
import Verification
import VerifierConfiguration

extension VerifierRuntime {
  /// Loads the configuration again from its sources and applies what can change without a
  /// restart (limits, intervals, schedules, provider settings, the log level); in-flight work
  /// goes on untouched. The log names the keys applied and the keys that need a restart. On
  /// `queue`.
  func reload() {
    guard let sources else {
      logger.info("SIGHUP: no configuration sources to reload")
      return
    }
    notify { try $0.reloading() }
    Task {
      let result: Result<LoadedConfiguration, any Error>
      do { result = .success(try await ConfigurationLoader.load(sources)) } catch {
        result = .failure(error)
      }
      self.queue.async { self.applyReload(result) }
    }
  }

  /// Applies a reloaded configuration, or logs why it was refused. On `queue`.
  func applyReload(_ result: Result<LoadedConfiguration, any Error>) {
    defer { notify { try $0.ready(status: statusLine()) } }
    let fresh: LoadedConfiguration
    switch result {
    case .success(let value): fresh = value
    case .failure(let error):
      let problems = (error as? ConfigurationError)?.problems ?? ["\(error)"]
      logger.error(
        "configuration reload refused; keeping the running one",
        metadata: ["problems": "\(problems.joined(separator: "; "))"])
      return
    }
    let (running, loaded) = loop.with { ($0.configuration, $0.loaded) }
    let applied = running.liveKeysChanged(in: fresh.configuration)
    let restart = loaded.map { fresh.restartNeeded(comparedTo: $0) } ?? []
    apply(fresh.configuration)
    for warning in fresh.warnings {
      logger.warning("configuration warning", metadata: ["warning": "\(warning)"])
    }
    logger.info(
      "configuration reloaded",
      metadata: [
        "applied": "\(applied.isEmpty ? "none" : applied.joined(separator: ","))",
        "restart_needed": "\(restart.isEmpty ? "none" : restart.joined(separator: ","))",
      ])
    onReload?(loop.with { $0.configuration })
  }

  /// Takes the live keys of `fresh` (``ConfigurationKey/live`` decides which); the rest keep
  /// their start-up values, among them the settle delay and the money-call budget (calls in
  /// flight were bounded by the old budget, and the settle delay must outlast it). On `queue`.
  func apply(_ fresh: RuntimeConfiguration) {
    let (http, limits, metrics, logger) = (http, limits, metrics, logger)
    loop.with { loop in
      let configuration = loop.configuration.reloaded(from: fresh)
      loop.configuration = configuration
      loop.state.maxInFlight = configuration.maxInFlight
      loop.state.claimBatch = configuration.claimBatch
      loop.machine = VerificationMachine(configuration: configuration.verification)
      loop.gateway = Self.makeGateway(
        configuration, http: http, limits: limits, metrics: metrics, logger: logger)
    }
    armPoll(at: .now())
    armSweep(at: .now())
    armRenewal()
  }
}
