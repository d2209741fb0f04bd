import Foundation

/// A PostgreSQL server of the test's own, started with `scripts/pg-throwaway`, for tests that
/// restart the server and must not disturb the others.
public struct ThrowawayServer {
  public let directory: String
  public let url: String

  /// The script path `scripts/test` exports; tests that need it are skipped without it.
  public static var script: String? {
    ProcessInfo.processInfo.environment["VERIFIERD_TEST_PG_SCRIPT"]
  }

  public static func start() throws -> ThrowawayServer {
    let output = try run("start")
    var values: [String: String] = [:]
    for line in output.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { values[parts[0]] = parts[1] }
    }
    guard let directory = values["PGTHROWAWAY_DIR"], let url = values["DATABASE_URL"] else {
      throw TestSetupError("pg-throwaway start printed no server")
    }
    return ThrowawayServer(directory: directory, url: url)
  }

  public func restart() throws { try Self.run("restart", directory) }

  public func stop() { _ = try? Self.run("stop", directory) }

  /// Runs the script and returns what it printed.
  @discardableResult
  static func run(_ arguments: String...) throws -> String {
    guard let script else { throw TestSetupError("VERIFIERD_TEST_PG_SCRIPT is not set") }
    let result = try ChildProcess.run(script, arguments)
    guard result.status == 0 else {
      throw TestSetupError(
        "pg-throwaway \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.errors)"
      )
    }
    return result.output
  }
}
