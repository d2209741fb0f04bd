import ArgumentParser
import JobQueue

/// Where the database is: `--database-url`, else `DATABASE_URL`, else libpq's `PG*` variables.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .customLong("database-url"),
    help: ArgumentHelp(
      "A libpq URI or key=value string. Default: $DATABASE_URL, else the PG* environment variables.",
      valueName: "url"))
  var databaseURL: String?

  /// The connection configuration these options name.
  var configuration: PGConfiguration {
    guard let databaseURL, !databaseURL.isEmpty else { return .fromEnvironment() }
    return PGConfiguration(connectionString: databaseURL)
  }
}
