import JobQueue
import Verification

/// The one rule for what becomes of a delivery after an attempt: a 2xx acknowledges it; 408,
/// 429, 5xx, timeouts and failed connections are tried again after a capped exponential backoff
/// with full jitter, for as long as the retry window lasts from the event's creation; any other
/// answer (another 4xx, a redirect, which is never followed) is refused for good, so the
/// delivery is dead at once.
public struct WebhookRetryPolicy: Sendable, Equatable {
  /// How long after an event's creation it is still retried: 3 days by default.
  public var window: Duration
  /// The waits between attempts.
  public var backoff: Backoff

  /// Creates a policy: waits start at `initial` and double up to `maximum`.
  public init(
    window: Duration = .seconds(3 * 86_400), initial: Duration = .seconds(5),
    maximum: Duration = .seconds(3600)
  ) {
    self.window = window
    self.backoff = Backoff(initial: initial, maximum: maximum, attempts: .max)
  }

  /// Whether an answer with `status` is worth trying again.
  public static func retries(status: Int) -> Bool {
    status == 408 || status == 429 || (500..<600).contains(status)
  }

  /// What to write back for `delivery` after an attempt that came to `result`.
  public func completion<G: RandomNumberGenerator>(
    for delivery: OutboxDelivery, result: WebhookAttemptResult, using generator: inout G
  ) -> OutboxCompletion {
    var status: Int?
    if case .answered(let code) = result {
      status = code
      if (200..<300).contains(code) {
        return OutboxCompletion(delivery: delivery, status: .delivered, httpStatus: code)
      }
      if !Self.retries(status: code) {
        return OutboxCompletion(
          delivery: delivery, status: .dead, httpStatus: code,
          error: "\(result.summary), which is not retried")
      }
    }
    let wait = backoff.delay(forRetry: delivery.attempts - 1, using: &generator)
    guard delivery.age + wait <= window else {
      return OutboxCompletion(
        delivery: delivery, status: .dead, httpStatus: status,
        error: "the retry window passed after \(delivery.attempts) attempts; last: "
          + result.summary)
    }
    return OutboxCompletion(
      delivery: delivery, status: .pending, retryAfter: wait, httpStatus: status,
      error: result.summary)
  }
}
