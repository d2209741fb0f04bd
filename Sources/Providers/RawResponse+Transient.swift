import Foundation
import Verification

extension RawResponse {
  /// The transient outcome both providers give a 429 or a 5xx (with `Retry-After` when sent), or
  /// `nil` for any other status.
  func transientOutcome(now: Date) -> CallOutcome<Never>? {
    let after = RetryAfter.parse(header("Retry-After"), now: now)
    if status == 429 { return .retryLater(after: after, reason: .rateLimited) }
    if status >= 500 { return .retryLater(after: after, reason: .serverError(status: status)) }
    return nil
  }
}
