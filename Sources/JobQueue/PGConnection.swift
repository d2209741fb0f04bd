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
public final class PGConnection: @unchecked Sendable {
  /// Where to connect.
  public let configuration: PGConfiguration
  /// The serial queue that owns the libpq handle.
  let queue: DispatchQueue
  let logger: Logger
  // Touched on `queue` only.
  private var handle: PGHandle?
  private var connects = 0
  private var random = SystemRandomNumberGenerator()

  /// Creates a connection; it connects on first use.
  public init(
    configuration: PGConfiguration, label: String = "verifierd.pg",
    logger: Logger = Logger(label: "verifierd.pg")
  ) {
    self.configuration = configuration
    self.queue = DispatchQueue(label: label)
    self.logger = logger
  }

  /// Runs `body` on the connection's queue with a live session (connecting first if needed).
  /// Nothing else uses the connection while `body` runs.
  public func withSession<T: Sendable>(_ body: @escaping @Sendable (PGSession) throws -> T)
    async throws -> T
  {
    try await withCheckedThrowingContinuation { continuation in
      queue.async {
        continuation.resume(with: Result { try body(self.liveSession()) })
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
      await withCheckedContinuation { c in queue.async { c.resume(returning: self.connects) } }
    }
  }

  /// Closes the connection now; the next use connects again.
  public func close() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async {
        self.handle = nil
        continuation.resume()
      }
    }
  }

  /// A session on a healthy handle, reconnecting with backoff when the old one is gone.
  private func liveSession() throws -> PGSession {
    dispatchPrecondition(condition: .onQueue(queue))
    if let handle, handle.isHealthy { return PGSession(handle: handle) }
    if handle != nil {
      logger.warning("database connection lost; reconnecting")
      handle = nil
    }
    let policy = configuration.reconnect
    var lastError: Error?
    for attempt in 0..<policy.attempts {
      if attempt > 0 {
        let delay = policy.delay(forRetry: attempt - 1, using: &random)
        Thread.sleep(forTimeInterval: Double(delay.nanoseconds) / 1e9)
      }
      do {
        let fresh = try PGHandle.connect(configuration)
        try PGSession(handle: fresh).prepareSession()
        handle = fresh
        connects += 1
        if connects > 1 {
          logger.info("database connection restored", metadata: ["attempts": "\(attempt + 1)"])
        }
        return PGSession(handle: fresh)
      } catch {
        lastError = error
        logger.debug(
          "database connect failed", metadata: ["attempt": "\(attempt + 1)", "error": "\(error)"])
      }
    }
    throw lastError
      ?? PGError(kind: .connection, operation: "connect", message: "could not connect")
  }
}
