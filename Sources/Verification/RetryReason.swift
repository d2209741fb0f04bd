/// Why a call should be retried later.
public enum RetryReason: Sendable, Hashable, CustomStringConvertible {
  /// HTTP 429.
  case rateLimited
  /// A provider throttle code in a 400 (Finicity 3300001 or 3000000).
  case throttled(code: String)
  /// An HTTP 5xx status.
  case serverError(status: Int)
  /// The connect or total timeout elapsed.
  case timeout
  /// The connection failed, was refused or was reset.
  case connectionFailed
  /// A success status whose body could not be decoded, on a call that moves no money (on one
  /// that does, the outcome is ``ReconcileCause/outcomeUnknown``).
  case malformedResponse
  /// The response body was larger than the configured bound.
  case responseTooLarge
  /// Any other reason judged transient (a token call that failed transiently, a call cancelled
  /// while rate limited or past its money-call budget).
  case other(String)

  /// How a throttle code's description begins.
  public static let throttledPhrase = "provider throttled"

  /// A short human-readable text, safe for logs and events.
  public var description: String {
    switch self {
    case .rateLimited: "rate limited (429)"
    case .throttled(let code): "\(Self.throttledPhrase) (code \(code))"
    case .serverError(let status): "server error (\(status))"
    case .timeout: "timeout"
    case .connectionFailed: "connection failed"
    case .malformedResponse: "malformed response body"
    case .responseTooLarge: "response too large"
    case .other(let text): text
    }
  }
}

extension RetryReason {
  /// Whether the provider refused the call for its own limit (429, or a throttle code): the
  /// whole partner is over its rate, not this job, so the call is retried at the pace of the
  /// shared limiter (``RetryPolicy/paced(now:streakStartedAt:retryAfter:unit:)``), not on a
  /// growing per-job backoff.
  public var isProviderLimit: Bool {
    switch self {
    case .rateLimited, .throttled: true
    default: false
    }
  }
}
