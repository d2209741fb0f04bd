import Verification

/// What a provider client waits on before each call, and tells when the provider refused a call
/// for its limit: a per-process ``RateLimiter``, or the fleet's shared limiter.
public protocol CallPermits: Sendable {
  /// Waits until a call of class `priority` may go, and returns its permit. Throws
  /// `CancellationError` when the task is cancelled while waiting (the call is then not sent).
  func acquire(_ priority: CallPriority) async throws -> CallPermit
  /// The provider refused the call `permit` let go for its limit (429, or a throttle code named
  /// by `cause`), asking for `retryAfter` when it said.
  func refused(_ permit: CallPermit, retryAfter: Duration?, cause: String) async
}

/// What a call was let go with: the fleet rate's generation at the grant (``FleetRate/generation``),
/// so a refusal tells whether the call was permitted after the last decrease.
public struct CallPermit: Sendable, Hashable {
  /// The generation, or `nil` for a per-process bucket.
  public var generation: Int64?

  /// Creates a permit.
  public init(generation: Int64?) {
    self.generation = generation
  }
}

extension RateLimiter: CallPermits {
  /// Waits for this process's bucket; the class does not matter to a single bucket.
  public func acquire(_ priority: CallPriority) async throws -> CallPermit {
    try await acquire()
    return CallPermit(generation: nil)
  }

  /// A process-scope bucket keeps its configured rate: the refused call itself is retried at
  /// the pace of the bucket.
  public func refused(_ permit: CallPermit, retryAfter: Duration?, cause: String) async {}
}

extension CallPermits {
  /// Tells the limiter when `outcome` is the provider refusing a call for its limit.
  /// The cause is a fixed word for metrics: `429`, or `throttle` and the code.
  func report<Body>(_ outcome: CallOutcome<Body>, permit: CallPermit) async {
    switch outcome {
    case .retryLater(let after, .rateLimited):
      await refused(permit, retryAfter: after, cause: "429")
    case .retryLater(let after, .throttled(let code)):
      await refused(permit, retryAfter: after, cause: "throttle \(code.prefix(12))")
    default:
      return
    }
  }
}

extension Optional where Wrapped == any CallPermits {
  /// Waits for a permit in class `priority` (at once without a limiter); `nil` when the task was
  /// cancelled while waiting: the call is then not sent, and is retried later for
  /// ``Verification/RetryReason/cancelledWhileRateLimited``.
  func permit(_ priority: CallPriority) async -> CallPermit? {
    guard let permits = self else { return CallPermit(generation: nil) }
    return try? await permits.acquire(priority)
  }
}

extension RetryReason {
  /// Why a call whose task was cancelled while it waited for its permit is retried.
  static let cancelledWhileRateLimited = RetryReason.other("cancelled while rate limited")
}
