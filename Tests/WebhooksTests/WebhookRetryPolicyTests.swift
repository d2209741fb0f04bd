import Foundation
import JobQueue
import Testing
import Webhooks

@Suite("The webhook retry policy: what each answer does to a delivery")
struct WebhookRetryPolicyTests {
  /// Draws the largest value it can, so the wait is its ceiling.
  struct Ceiling: RandomNumberGenerator {
    mutating func next() -> UInt64 { .max }
  }

  static func delivery(attempts: Int, age: Duration = .zero) -> OutboxDelivery {
    OutboxDelivery(
      id: 1, token: UUID(), endpoint: "app", eventID: UUID(), jobID: 7,
      type: "verification.finished", attempts: attempts, age: age, body: "{}")
  }

  let policy = WebhookRetryPolicy(
    window: .seconds(3600), initial: .seconds(5), maximum: .seconds(60))

  @Test("2xx acknowledges", arguments: [200, 201, 204, 299])
  func acknowledged(status: Int) {
    var random = Ceiling()
    let completion = policy.completion(
      for: Self.delivery(attempts: 1), result: .answered(status), using: &random)
    #expect(completion.status == .delivered)
    #expect(completion.httpStatus == status)
    #expect(completion.error == nil)
  }

  @Test("408, 429, 5xx, timeouts and failed connections retry with a growing, capped wait")
  func retried() {
    let results: [WebhookAttemptResult] = [
      .answered(408), .answered(429), .answered(500), .answered(503), .timedOut,
      .failed("the connection could not be made"),
    ]
    for result in results {
      var random = Ceiling()
      let first = policy.completion(
        for: Self.delivery(attempts: 1), result: result, using: &random)
      #expect(first.status == .pending, "\(result)")
      #expect(first.retryAfter <= .seconds(5) && first.retryAfter > .seconds(4), "\(result)")
      #expect(first.error == result.summary)
      let third = policy.completion(
        for: Self.delivery(attempts: 3), result: result, using: &random)
      #expect(third.retryAfter <= .seconds(20) && third.retryAfter > .seconds(19))
      let tenth = policy.completion(
        for: Self.delivery(attempts: 10), result: result, using: &random)
      #expect(tenth.retryAfter <= .seconds(60) && tenth.retryAfter > .seconds(59), "capped")
    }
  }

  @Test("any other answer is dead at once", arguments: [301, 302, 400, 401, 404, 410, 422])
  func refused(status: Int) {
    var random = Ceiling()
    let completion = policy.completion(
      for: Self.delivery(attempts: 1), result: .answered(status), using: &random)
    #expect(completion.status == .dead)
    #expect(completion.error == "HTTP \(status), which is not retried")
  }

  @Test("a retry that would start after the window is dead, naming the last error")
  func windowPassed() {
    var random = Ceiling()
    let inside = policy.completion(
      for: Self.delivery(attempts: 4, age: .seconds(3500)), result: .answered(503),
      using: &random)
    #expect(inside.status == .pending, "3500 s + at most 40 s is inside the hour")
    let outside = policy.completion(
      for: Self.delivery(attempts: 5, age: .seconds(3590)), result: .answered(503),
      using: &random)
    #expect(outside.status == .dead)
    #expect(
      outside.error == "the retry window passed after 5 attempts; last: HTTP 503")
    #expect(outside.httpStatus == 503)
  }
}
