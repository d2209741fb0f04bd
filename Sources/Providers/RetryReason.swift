/// Why a call should be retried later.
public enum RetryReason: Sendable, Hashable, CustomStringConvertible {
  /// HTTP 429 without a body.
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
  /// that does, the outcome is ``ReconcileReason/outcomeUnknown``).
  case malformedResponse
  /// The response body was larger than the configured bound.
  case responseTooLarge
  /// Any other provider answer judged transient (for instance a token call that failed transiently).
  case other(String)

  /// A short human-readable text, safe for logs.
  public var description: String {
    switch self {
    case .rateLimited: return "rate limited (429)"
    case .throttled(let code): return "provider throttled (code \(code))"
    case .serverError(let status): return "server error (\(status))"
    case .timeout: return "timeout"
    case .connectionFailed: return "connection failed"
    case .malformedResponse: return "malformed response body"
    case .responseTooLarge: return "response too large"
    case .other(let text): return text
    }
  }
}
