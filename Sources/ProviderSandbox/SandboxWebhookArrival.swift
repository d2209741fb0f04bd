import Foundation

/// One delivery the sandbox's webhook receiver took (`GET /_sandbox/webhooks` lists them): what
/// the signature check said, any fault injected, and the event's identifying fields. The body
/// itself only when the sandbox is told to keep bodies (``SandboxConfiguration/keepWebhookBodies``),
/// so by default nothing a sender should not have sent is kept.
struct SandboxWebhookArrival: Sendable, Equatable {
  /// When it arrived, seconds since 1970 on the real clock.
  var receivedAt: Double
  /// `valid`, `tooLarge`, `missing`, `malformed`, `stale` or `mismatch`.
  var signature: String
  /// The fault that answered it (`hang`, `serverError`), if any.
  var fault: String?
  /// The body's length.
  var bodyBytes: Int
  /// The event's `id`, `type`, `job_id` and `sequence`, when the body is JSON holding them.
  var eventId: String?
  var type: String?
  var jobId: Int64?
  var sequence: Int64?
  /// The body as it arrived (UTF-8), when bodies are kept.
  var body: String? = nil

  /// As the control API shows it (absent fields left out).
  var json: [String: Any] {
    var object: [String: Any] = [
      "receivedAt": receivedAt, "signature": signature, "bodyBytes": bodyBytes,
    ]
    object["fault"] = fault
    object["eventId"] = eventId
    object["type"] = type
    object["jobId"] = jobId
    object["sequence"] = sequence
    object["body"] = body
    return object
  }
}
