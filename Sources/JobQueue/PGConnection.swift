import CLibPQ
import Dispatch
import Foundation
import Logging

/// One PostgreSQL connection, used from its own serial `DispatchQueue` only.
///
/// libpq blocks, so nothing here runs on the Swift concurrency pool: every call hops onto the
/// connection's queue and resumes the caller when done. When the server went away (a restart, a
/// network fault) the next use notices without a round trip and reconnects with backoff, so a
/// restarted PostgreSQL never needs a daemon restart. A statement interrupted by a lost connection
/// is not retried (whether it took effect is unknown); it fails with ``PGError/Kind/connectionLost``.
public final class PGConnection: Sendable {
  /// Where to connect.
  public let configuration: PGConfiguration
  /// The serial queue that owns the libpq handle.
  let queue: DispatchQueue
  let logger: Logger
  private struct State {
    var handle: PGHandle?
    var connects = 0
  }
  /// The libpq handle and the connect count: on `queue` only, checked on every access.
  private let state: QueueBound<State>

  /// Creates a connection; it connects on first use.
  public init(
    configuration: PGConfiguration, label: String = "verifierd.pg",
    logger: Logger = Logger(label: "verifierd.pg")
  ) {
    self.configuration = configuration
    let queue = DispatchQueue(label: label)
    self.queue = queue
    state = QueueBound(State(), on: queue)
    self.logger = logger
  }

  /// Runs `body` on the connection's queue with a live session (connecting first if needed).
  /// Nothing else uses the connection while `body` runs.
  ///
  /// Each connect attempt runs on the connection's queue; the backoff between attempts
  /// (``PGConfiguration/reconnect``) is a `Task.sleep` off it, so the queue is never held by a
  /// wait and the other users of the connection go on meanwhile. A cancelled caller stops
  /// retrying and gets the last connect error. `body` itself runs once: a statement interrupted
  /// by a lost connection is not retried.
  public func withSession<T: Sendable>(_ body: @escaping @Sendable (PGSession) throws -> T)
    async throws -> T
  {
    let policy = configuration.reconnect
    var random = SystemRandomNumberGenerator()
    var attempt = 0
    while true {
      let connectAttempt = attempt
      let outcome: Attempt<T> = await onQueue {
        let session: PGSession
        do { session = try self.liveSession(attempt: connectAttempt) } catch {
          return .connectFailed(error)
        }
        return .ran(Result { try body(session) })
      }
      switch outcome {
      case .ran(let result):
        return try result.get()
      case .connectFailed(let connectError):
        attempt += 1
        guard attempt < policy.attempts else { throw connectError }
        // Cancelled while waiting: stop retrying and say why there is no connection.
        do {
          try await Task.sleep(for: policy.delay(forRetry: attempt - 1, using: &random))
        } catch { throw connectError }
      }
    }
  }

  /// Runs one parameterized statement.
  @discardableResult
  public func query(
    _ sql: String, _ parameters: [(any PGEncodable)?] = [], operation: String
  ) async throws -> PGResult {
    try await withSession { try $0.query(sql, parameters, operation: operation) }
  }

  /// Runs `body` inside `BEGIN` ... `COMMIT` on the connection's queue; rolls back when it throws.
  @discardableResult
  public func withTransaction<T: Sendable>(_ body: @escaping @Sendable (PGSession) throws -> T)
    async throws -> T
  {
    try await withSession { try $0.transaction(body) }
  }

  /// How many times this connection has connected (1 after the first use; more after reconnects).
  public var connectCount: Int {
    get async {
      await onQueue { self.state.wrapped.connects }
    }
  }

  /// Closes the connection now; the next use connects again.
  public func close() async {
    await onQueue { self.state.with { $0.handle = nil } }
  }

  /// What one hop onto the queue came back with.
  private enum Attempt<T: Sendable>: Sendable {
    /// `body` ran (on a live session), with this result.
    case ran(Result<T, any Error>)
    /// Connecting failed; `body` did not run.
    case connectFailed(any Error)
  }

  /// Runs `work` on the connection's queue and returns its value.
  private func onQueue<R: Sendable>(_ work: @escaping @Sendable () -> R) async -> R {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: work()) }
    }
  }

  /// A session on a healthy handle, or one connect attempt (number `attempt`, 0-based, of this
  /// caller) when the old handle is gone or there is none. On `queue`; never waits.
  private func liveSession(attempt: Int) throws -> PGSession {
    if let handle = state.wrapped.handle, handle.isHealthy { return PGSession(handle: handle) }
    if state.wrapped.handle != nil {
      logger.warning("database connection lost; reconnecting")
      state.wrapped.handle = nil
    }
    do {
      let fresh = try PGHandle.connect(configuration)
      try PGSession(handle: fresh).prepareSession(configuration)
      let connects = state.with {
        $0.handle = fresh
        $0.connects += 1
        return $0.connects
      }
      if connects > 1 {
        logger.info("database connection restored", metadata: ["attempts": "\(attempt + 1)"])
      }
      return PGSession(handle: fresh)
    } catch {
      logger.debug(
        "database connect failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
      throw error
    }
  }
}
