import CLibPQ
import Dispatch
import Foundation
import Logging

/// A dedicated connection that LISTENs on channels and delivers notifications as they arrive.
///
/// A `DispatchSourceRead` on the connection's socket (`PQsocket`) fires when the server sends
/// something; the handler reads it with `PQconsumeInput` and drains `PQnotifies`. Nothing polls or
/// sleeps. When the connection is lost the listener reconnects with backoff (forever, until
/// stopped), LISTENs again and delivers ``Signal/reconnected``: notifications sent while it was away
/// are gone, so the receiver should look for work once.
public final class PGListener: Sendable {
  /// One NOTIFY.
  public struct Notification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// Its payload (empty when none).
    public var payload: String
    /// The process ID of the sending backend.
    public var senderPID: Int32
  }

  private let configuration: PGConfiguration
  private let channels: [String]
  private let handler: @Sendable (Signal) -> Void
  private let queue: DispatchQueue
  private let logger: Logger
  private struct State {
    var handle: PGHandle?
    var source: DispatchSourceRead?
    var stopped = false
    var failures = 0
    var random = SystemRandomNumberGenerator()
  }
  /// The connection, its read source and the reconnect bookkeeping: on `queue` only, checked on
  /// every access.
  private let state: QueueBound<State>

  /// Creates a listener; ``start()`` connects. `handler` runs on the listener's serial queue.
  public init(
    configuration: PGConfiguration, channels: [String], label: String = "verifierd.listen",
    logger: Logger = Logger(label: "verifierd.listen"),
    handler: @escaping @Sendable (Signal) -> Void
  ) {
    self.configuration = configuration
    self.channels = channels
    self.handler = handler
    let queue = DispatchQueue(label: label)
    self.queue = queue
    state = QueueBound(State(), on: queue)
    self.logger = logger
  }

  /// Connects and LISTENs; throws when the first connection fails. Once this returns, every
  /// notification committed afterwards is delivered.
  public func start() async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      queue.async {
        continuation.resume(with: Result { try self.connectAndListen() })
      }
    }
  }

  /// Stops listening and closes the connection.
  public func stop() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      queue.async {
        self.state.with { $0.stopped = true }
        self.tearDown()
        continuation.resume()
      }
    }
  }

  deinit {
    // The last reference may go on any thread: the source is cancelled on its own queue.
    let state = state
    queue.async { state.wrapped.source?.cancel() }
  }

  private func connectAndListen() throws {
    let fresh = try PGHandle.connect(configuration, operation: "listen")
    let session = PGSession(handle: fresh)
    try session.prepareSession(configuration)
    for channel in channels {
      try session.execute(
        "LISTEN " + Self.quoteIdentifier(channel, handle: fresh), operation: "listen")
    }
    let socket = PQsocket(fresh.pointer)
    guard socket >= 0 else {
      throw PGError(kind: .connection, operation: "listen", message: "libpq reported no socket")
    }
    let readSource = DispatchSource.makeReadSource(fileDescriptor: socket, queue: queue)
    readSource.setEventHandler { [weak self] in self?.readAvailable() }
    // The socket belongs to the handle: keep the handle alive until the source is cancelled, so
    // the descriptor is never closed under a live source.
    readSource.setCancelHandler { withExtendedLifetime(fresh) {} }
    state.with {
      $0.handle = fresh
      $0.source = readSource
    }
    readSource.resume()
  }

  private func readAvailable() {
    guard let handle = state.wrapped.handle, !state.wrapped.stopped else { return }
    guard PQconsumeInput(handle.pointer) == 1, PQstatus(handle.pointer) == CONNECTION_OK else {
      logger.warning("listen connection lost; reconnecting")
      tearDown()
      scheduleReconnect()
      return
    }
    while let raw = PQnotifies(handle.pointer) {
      let note = raw.pointee
      let notification = Notification(
        channel: String(cString: note.relname),
        payload: note.extra.map { String(cString: $0) } ?? "",
        senderPID: note.be_pid)
      PQfreemem(raw)
      handler(.notification(notification))
    }
  }

  private func tearDown() {
    state.with {
      $0.source?.cancel()
      $0.source = nil
      $0.handle = nil
    }
  }

  private func scheduleReconnect() {
    let delay = state.with {
      configuration.reconnect.delay(forRetry: $0.failures, using: &$0.random)
    }
    queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay.nanoseconds))) { [weak self] in
      guard let self, !self.state.wrapped.stopped else { return }
      do {
        try self.connectAndListen()
        self.state.with { $0.failures = 0 }
        self.logger.info("listen connection restored")
        self.handler(.reconnected)
      } catch {
        self.state.with { $0.failures += 1 }
        self.logger.warning("listen reconnect failed", metadata: ["error": "\(error)"])
        self.scheduleReconnect()
      }
    }
  }

  /// Quotes a channel name as an SQL identifier with `PQescapeIdentifier`.
  static func quoteIdentifier(_ name: String, handle: PGHandle) throws -> String {
    guard let escaped = PQescapeIdentifier(handle.pointer, name, name.utf8.count) else {
      throw PGError(kind: .server, connection: handle.pointer, operation: "quote identifier")
    }
    defer { PQfreemem(escaped) }
    return String(cString: escaped)
  }
}
