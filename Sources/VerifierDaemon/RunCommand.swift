import ArgumentParser
import Foundation
import JobQueue
import Logging
import Observability
import VerifierConfiguration
import VerifierRuntime

/// `verifierd run`: the daemon. Loads the configuration, sets up logging and runs the runtime.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Carry every verification from INSERT to outcome (until SIGTERM or SIGINT).",
    discussion: """
      Reads the configuration as `verifierd check-config` shows it (see config/README.md); \
      SIGHUP reloads it and logs which changed keys need a restart. Under systemd \
      (Type=notify) it sends READY=1 once the schema is checked and the first claim worked, \
      STATUS= lines, STOPPING=1 when draining and WATCHDOG=1 while the loop makes progress. \
      SIGTERM and SIGINT drain: claiming stops, in-flight calls get drain_timeout_seconds, leases \
      still held are released, and the exit status is 0. Exit status 69: the database could not \
      be reached; 70: another database error, or the schema needs `verifierd migrate`; 78: the \
      configuration is not valid.
      """
  )

  @OptionGroup var config: ConfigOptions

  @Option(
    name: .customLong("database-url"),
    help: "A libpq URI; overrides database_url, VERIFIERD_DATABASE_URL and DATABASE_URL.")
  var databaseURL: String?

  @Option(help: "Log level (trace ... critical); overrides log.level.")
  var logLevel: String?

  func validate() throws {
    // The words log.level takes, from the catalogue.
    if let logLevel, let key = ConfigurationKey.named("log.level"),
      let problem = key.kind.problem(with: .text(logLevel))
    {
      throw ValidationError("--log-level \(problem)")
    }
  }

  func run() async throws {
    MallocArenas.limit()
    let loaded = try await config.load("run")
    var configuration = loaded.configuration
    if let logLevel { configuration.logLevel = logLevel }
    if let databaseURL, !databaseURL.isEmpty {
      configuration.database.connectionString = databaseURL
    }
    let levels = StructuredLogHandler.bootstrap(
      format: LogFormat(rawValue: configuration.logFormat) ?? .logfmt,
      level: Logger.Level(rawValue: configuration.logLevel) ?? .info)
    let logger = Logger(label: "verifierd")
    for warning in loaded.warnings {
      logger.warning("configuration warning", metadata: ["warning": "\(warning)"])
    }
    reportSocketBinding(logger: logger)
    let observability = try await startObservability(configuration, logger: logger)
    let levelFixedByFlag = logLevel != nil
    let runtime = VerifierRuntime.make(
      configuration, loaded: loaded, sources: config.sources,
      onReload: { fresh in
        // --log-level wins over the file for the life of the process.
        guard !levelFixedByFlag, let level = Logger.Level(rawValue: fresh.logLevel) else { return }
        levels.level = level
      }, onDrain: { observability?.markDraining() }, logger: logger,
      metrics: observability?.metrics ?? VerifierMetrics())
    let failure: (any Error)?
    do {
      try await runtime.run(handleSignals: true)
      failure = nil
    } catch {
      failure = error
    }
    await observability?.stop()
    switch failure {
    case nil:
      return
    case let error as PGError:
      FileHandleStream.standardError.write("verifierd run: \(error)\n")
      throw ExitCode(error.isConnectionProblem ? 69 : 70)
    case let error as ConfigurationError:
      FileHandleStream.standardError.write(
        "verifierd run: the configuration is not valid:\n  \(error.problems.joined(separator: "\n  "))\n"
      )
      throw ExitCode(78)
    case let error?:
      throw error
    }
  }

  /// Starts `/metrics`, `/healthz` and `/readyz` on `metrics.listen` (nothing when it is empty).
  /// A port that cannot be bound exits 69 (EX_UNAVAILABLE).
  func startObservability(_ configuration: RuntimeConfiguration, logger: Logger) async throws
    -> DaemonObservability?
  {
    guard let text = configuration.metricsListen, let address = LoopbackAddress(text) else {
      return nil
    }
    do {
      let started = try await DaemonObservability.start(
        host: address.host, port: address.port, database: configuration.database,
        instance: configuration.instance, returnRate: configuration.returnRate,
        logger: Logger(label: "verifierd.observability"))
      logger.info(
        "metrics, health endpoints and status page listening",
        metadata: ["host": "\(address.host)", "port": "\(started.server.port)"])
      return started
    } catch {
      FileHandleStream.standardError.write("verifierd run: metrics.listen \(text): \(error)\n")
      throw ExitCode(69)
    }
  }
}
