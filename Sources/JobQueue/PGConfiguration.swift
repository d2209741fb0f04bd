import CLibPQ
import Foundation

/// How to reach PostgreSQL: a libpq connection URI (or `key=value` string), or nothing, in which
/// case libpq reads the standard `PG*` environment variables (`PGHOST`, `PGPORT`, `PGUSER`, ...).
///
/// The connection string is passed to `PQconnectdbParams` as the `dbname` keyword with
/// `expand_dbname` set; it is never built by interpolation and never printed.
public struct PGConfiguration: Sendable {
  /// A libpq URI (`postgresql://user@host:5432/db?sslmode=require`) or conninfo string; `nil`
  /// uses the `PG*` environment variables.
  public var connectionString: String?
  /// `application_name` unless the connection string sets one.
  public var applicationName: String
  /// Seconds to wait for a connection (`connect_timeout`) unless the connection string sets it.
  public var connectTimeoutSeconds: Int
  /// How hard to try again when the server went away.
  public var reconnect: Backoff
  /// The longest one statement may run (`statement_timeout`, set on every session when it
  /// connects); `.zero` switches the limit off, `nil` leaves the server's setting alone. A
  /// statement over it fails with SQLSTATE 57014 and the connection stays usable.
  /// ``Migrator/migrate()`` lifts it for its own session.
  public var statementTimeout: Duration?
  /// TCP keepalives, so a peer that vanished without a word (a network fault, a failed-over
  /// host) is noticed; the connection string's `keepalives*` keywords win over these.
  public var keepalives: Keepalives
  /// A password (from a credential) for a connection string without one; never printed.
  public var password: String?
  /// Whether the session plans without bitmap scans (`enable_bitmapscan = off`): for a
  /// connection that claims from a queue table whose partial index holds the dead entries of
  /// rows done since the last vacuum. A plain index scan marks those entries dead as it passes,
  /// so the next claim skips them; a bitmap scan reads them all again every time.
  public var withoutBitmapScans = false
  /// Whether the session plans without parallel workers (`max_parallel_workers_per_gather = 0`):
  /// for a connection that reads reports for people (the status page), so a page view never
  /// takes the database server's other cores from the claims; measured no slower for its
  /// statements (docs/PERFORMANCE.md).
  public var withoutParallelWorkers = false

  /// Creates a configuration.
  public init(
    connectionString: String? = nil, applicationName: String = "verifierd",
    connectTimeoutSeconds: Int = 10,
    reconnect: Backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5), attempts: 8),
    statementTimeout: Duration? = PGConfiguration.defaultStatementTimeout,
    keepalives: Keepalives = Keepalives()
  ) {
    self.connectionString = connectionString
    self.applicationName = applicationName
    self.connectTimeoutSeconds = connectTimeoutSeconds
    self.reconnect = reconnect
    self.statementTimeout = statementTimeout
    self.keepalives = keepalives
  }

  /// The default ``statementTimeout``: 30 seconds, far above any statement the daemon runs.
  public static let defaultStatementTimeout: Duration = .seconds(30)

  /// `DATABASE_URL` when set and not empty, otherwise the `PG*` environment variables.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> PGConfiguration
  {
    let url = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    return PGConfiguration(connectionString: url)
  }

  /// Keyword/value pairs in the order libpq processes them: defaults first, so that the expanded
  /// connection string overrides them.
  var connectionParameters: [(String, String)] {
    var pairs = [
      ("connect_timeout", String(connectTimeoutSeconds)),
      ("fallback_application_name", applicationName),
    ]
    pairs += keepalives.connectionParameters
    if let connectionString { pairs.append(("dbname", connectionString)) }
    // After the connection string, so the credential wins over a password written in it.
    if let password { pairs.append(("password", password)) }
    return pairs
  }

  /// The `SET` that applies ``statementTimeout`` (whole milliseconds, rounded up so that a
  /// tiny or zero limit never becomes none), or `nil` when the server's setting stays.
  var statementTimeoutSQL: String? {
    guard let statementTimeout else { return nil }
    let nanoseconds = max(statementTimeout.nanoseconds, 0)
    let milliseconds = nanoseconds / 1_000_000 + (nanoseconds % 1_000_000 == 0 ? 0 : 1)
    return "SET statement_timeout = \(max(milliseconds, 1))"
  }

  /// The password the connection string or `PGPASSWORD` carries, so errors can scrub it.
  var passwordForScrubbing: String? {
    if let password { return password }
    if let connectionString, let options = PQconninfoParse(connectionString, nil) {
      defer { PQconninfoFree(options) }
      var cursor = options
      while let keyword = cursor.pointee.keyword {
        if String(cString: keyword) == "password", let value = cursor.pointee.val {
          return String(cString: value)
        }
        cursor = cursor.advanced(by: 1)
      }
    }
    return ProcessInfo.processInfo.environment["PGPASSWORD"]
  }
}
