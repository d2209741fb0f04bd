import ArgumentParser
import Foundation
import JobQueue
import Logging
import VerifierRuntime

/// `verifierd run`: the daemon. Parses options, loads the configuration and runs the runtime.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Carry every verification from INSERT to outcome (until SIGTERM or SIGINT).",
    discussion: """
      Reads the JSON configuration (see config/README.md); SIGHUP reloads it. SIGTERM and SIGINT \
      drain: claiming stops, in-flight calls get drain_timeout_seconds, leases still held are \
      released, and the exit status is 0. Exit status 69: the database could not be reached; 78: \
      the configuration is not valid.
      """
  )

  @Option(name: .customLong("config"), help: "The JSON configuration file.")
  var configPath: String?

  @Option(
    name: .customLong("database-url"),
    help: "A libpq URI; overrides the file's database_url and DATABASE_URL.")
  var databaseURL: String?

  @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
  var logLevel: String = "info"

  func run() async throws {
    let level = Logger.Level(rawValue: logLevel) ?? .info
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = level
      return handler
    }
    var configuration: RuntimeConfiguration
    do {
      let file = try configPath.map { try ConfigurationFile.load(path: $0) } ?? ConfigurationFile()
      configuration = try RuntimeConfiguration(file: file)
    } catch {
      FileHandleStream.standardError.write("verifierd run: \(error)\n")
      throw ExitCode(78)
    }
    if let databaseURL, !databaseURL.isEmpty {
      configuration.database = PGConfiguration(connectionString: databaseURL)
    }
    let runtime = VerifierRuntime(configuration: configuration, configurationPath: configPath)
    do {
      try await runtime.run(handleSignals: true)
    } catch let error as PGError {
      FileHandleStream.standardError.write("verifierd run: \(error)\n")
      throw ExitCode(error.isConnectionProblem ? 69 : 70)
    }
  }
}
