import JobQueue
import Observability
import Synchronization

/// The daemon's readiness for `GET /readyz`: the database answers and every migration this
/// build knows is applied, unchanged. Checks run on a connection of their own that tries to
/// connect once (briefly) per check, so an unreachable database answers quickly; checks asked
/// for while one runs share its answer, so a hung database never piles them up.
public final class DatabaseReadiness: Sendable {
  private let connection: PGConnection
  private let running = Mutex<Task<Readiness, Never>?>(nil)

  /// Creates the check for `database`.
  public init(database: PGConfiguration) {
    var configuration = database
    configuration.connectTimeoutSeconds = min(configuration.connectTimeoutSeconds, 3)
    configuration.reconnect = Backoff(
      initial: .milliseconds(50), maximum: .milliseconds(50), attempts: 1)
    connection = PGConnection(configuration: configuration, label: "verifierd.readiness")
  }

  /// Ready, or why not in a fixed phrase (never an error's text, which could name hosts).
  public func check() async -> Readiness {
    let task = running.withLock { running in
      if let running { return running }
      let task = Task { await self.checkNow() }
      running = task
      return task
    }
    let answer = await task.value
    running.withLock { running in
      if running == task { running = nil }
    }
    return answer
  }

  private func checkNow() async -> Readiness {
    do {
      return try await Migrator(connection: connection).isCurrent()
        ? .ready : .notReady(reason: "migrations pending")
    } catch let error as PGError where error.isConnectionProblem {
      return .notReady(reason: "database unreachable")
    } catch let error as PGError where error.operation == "migrate" {
      return .notReady(reason: "schema does not match this build")
    } catch {
      return .notReady(reason: "database error")
    }
  }

  /// Closes the check's connection.
  public func close() async {
    await connection.close()
  }
}
