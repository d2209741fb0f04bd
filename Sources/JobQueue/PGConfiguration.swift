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
  /// A password (from a credential) for a connection string without one; never printed.
  public var password: String?

  /// Creates a configuration.
  public init(
    connectionString: String? = nil, applicationName: String = "verifierd",
    connectTimeoutSeconds: Int = 10,
    reconnect: Backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5), attempts: 8)
  ) {
    self.connectionString = connectionString
    self.applicationName = applicationName
    self.connectTimeoutSeconds = connectTimeoutSeconds
    self.reconnect = reconnect
  }

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
    if let connectionString { pairs.append(("dbname", connectionString)) }
    // After the connection string, so the credential wins over a password written in it.
    if let password { pairs.append(("password", password)) }
    return pairs
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
