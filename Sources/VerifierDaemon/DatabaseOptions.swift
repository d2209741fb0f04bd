import ArgumentParser
import JobQueue
import VerifierConfiguration

/// Where the database is: `--database-url`; else the configuration (`--config`, then
/// `VERIFIERD_DATABASE_URL` and the `database-password` credential); else `DATABASE_URL`, else
/// libpq's `PG*` variables.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .customLong("database-url"),
    help: ArgumentHelp(
      "A libpq URI or key=value string. Default: the configuration's database_url, else $DATABASE_URL, else the PG* environment variables.",
      valueName: "url"))
  var databaseURL: String?

  @Option(
    name: .customLong("config"),
    help: ArgumentHelp(
      "The daemon's JSON configuration file, to take database_url from (as `verifierd run` does).",
      valueName: "path"))
  var configPath: String?

  /// The connection configuration these options name; a configuration that is not valid prints
  /// its problems and exits 78, as `verifierd run` would.
  func configuration(_ command: String) async throws -> PGConfiguration {
    if let databaseURL, !databaseURL.isEmpty {
      return PGConfiguration(connectionString: databaseURL)
    }
    return try await ConfigOptions(path: configPath).load(command).configuration.database
  }
}
