import Logging
import Observability
import SystemdSupport
import VerifierConfiguration

extension VerifierRuntime {
  /// Builds the daemon from a configuration: the one way to make a runtime, used by
  /// `verifierd run` and the end-to-end tests alike; ``run(handleSignals:)`` starts it.
  ///
  /// - Parameters:
  ///   - configuration: What to run with (already validated or not; ``run(handleSignals:)``
  ///     validates it).
  ///   - loaded: Where `configuration` was loaded from, so a reload can name the changed keys
  ///     that need a restart; `nil` for a configuration built in code.
  ///   - sources: Where SIGHUP (or ``reload()``) loads the configuration again; `nil`: no reload.
  ///   - notifier: Tells systemd about readiness, status and progress.
  ///   - onReload: Sees the configuration a reload applied (the log level, say).
  ///   - onDrain: Hears that draining began.
  ///   - logger: The loop's logger.
  ///   - metrics: Records what the loop does (claims, calls, transitions).
  public static func make(
    _ configuration: RuntimeConfiguration, loaded: LoadedConfiguration? = nil,
    sources: ConfigurationSources? = nil, notifier: SystemdNotifier = SystemdNotifier(),
    onReload: (@Sendable (RuntimeConfiguration) -> Void)? = nil,
    onDrain: (@Sendable () -> Void)? = nil, logger: Logger = Logger(label: "verifierd"),
    metrics: VerifierMetrics = VerifierMetrics()
  ) -> VerifierRuntime {
    VerifierRuntime(
      configuration: configuration, loaded: loaded, sources: sources, notifier: notifier,
      onReload: onReload, onDrain: onDrain, logger: logger, metrics: metrics)
  }
}
