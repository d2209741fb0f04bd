/// What one POST of a delivery came to, as the retry policy sees it.
public enum WebhookAttemptResult: Sendable, Hashable {
  /// The receiver answered with this HTTP status.
  case answered(Int)
  /// No answer within the endpoint's timeout.
  case timedOut
  /// No answer at all: the connection failed or broke (a short cause, never the URL).
  case failed(String)

  /// One line for the delivery's `last_error` and the logs: never a URL, a secret or a body.
  public var summary: String {
    switch self {
    case .answered(let status): return "HTTP \(status)"
    case .timedOut: return "timed out"
    case .failed(let cause): return "connection failed: \(cause)"
    }
  }
}
