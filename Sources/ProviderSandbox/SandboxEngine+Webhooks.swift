import Crypto
import Foundation

extension SandboxEngine {
  /// Arrivals the receiver keeps, the oldest dropped first.
  static let webhookArrivalLimit = 10_000

  /// The receiver at `POST /_sandbox/webhooks`: checks the `Verifierd-Signature` header against
  /// the configured secret on the real clock (docs/webhooks.md), records the arrival, and
  /// answers 200 when genuine, 400 naming why not, or what a fault says. Its own check, written
  /// from the documented format rather than shared with the daemon's signer, so a shared mistake
  /// cannot pass.
  func receiveWebhook(_ request: SandboxRequest) -> SandboxPlan {
    let verdict = webhookVerdict(request)
    let body = jsonObject(request.body)
    let fault = drawWebhookFault()
    let arrival = SandboxWebhookArrival(
      receivedAt: Date().timeIntervalSince1970, signature: verdict, fault: fault,
      bodyBytes: request.body.count, eventId: body?["id"] as? String,
      type: body?["type"] as? String, jobId: (body?["job_id"] as? NSNumber)?.int64Value,
      sequence: (body?["sequence"] as? NSNumber)?.int64Value,
      body: configuration.keepWebhookBodies && !request.bodyTooLarge
        ? String(decoding: request.body, as: UTF8.self) : nil)
    webhookArrivals.append(arrival)
    if webhookArrivals.count > Self.webhookArrivalLimit { webhookArrivals.removeFirst() }
    let delay = Duration.milliseconds(max(0, webhookFaults.latencyMs))
    switch fault {
    case "hang":
      return SandboxPlan(delay: delay, action: .hang(.milliseconds(webhookFaults.hangMs)))
    case "serverError":
      return SandboxPlan(
        delay: delay, action: .respond(.text(webhookFaults.serverErrorStatus, "Unavailable")))
    default:
      let response: SandboxResponse =
        switch verdict {
        case "valid": .json(200, ["received": true])
        case "tooLarge":
          .json(400, ["error": "body larger than \(SandboxRequestRules.bodyLimit) bytes"])
        default: .json(400, ["error": "signature \(verdict)"])
        }
      return SandboxPlan(delay: delay, action: .respond(response))
    }
  }

  /// The receiver's fault for this delivery, if any: `hang` or `serverError`.
  func drawWebhookFault() -> String? {
    if random.chance(webhookFaults.hangFraction) { return "hang" }
    if random.chance(webhookFaults.serverErrorFraction) { return "serverError" }
    return nil
  }

  /// `valid`, or why not: `tooLarge` (a body over the sandbox's limit, not kept), `missing`,
  /// `malformed`, `stale` (more than the tolerance from the real clock) or `mismatch` (no `v1` is
  /// the HMAC of `<t>.<body>` under the secret).
  func webhookVerdict(_ request: SandboxRequest) -> String {
    // The body was not kept, so no signature over it can be checked.
    if request.bodyTooLarge { return "tooLarge" }
    guard let header = request.headers["verifierd-signature"] else { return "missing" }
    var timestamp: Int64?
    var signatures: [String] = []
    for part in header.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
      guard pair.count == 2 else { return "malformed" }
      if pair[0] == "t" { timestamp = Int64(pair[1]) }
      if pair[0] == "v1" { signatures.append(pair[1].lowercased()) }
    }
    guard let timestamp, !signatures.isEmpty else { return "malformed" }
    // Any timestamp is taken: one far off must not overflow the subtraction.
    let (age, overflow) = Int64(Date().timeIntervalSince1970).subtractingReportingOverflow(
      timestamp)
    let tolerance = configuration.webhookTolerance.components.seconds.magnitude
    guard !overflow, age.magnitude <= tolerance else { return "stale" }
    var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(configuration.webhookSecret.utf8)))
    hmac.update(data: Array("\(timestamp).".utf8) + request.body)
    let expected = hmac.finalize().map { String(format: "%02x", $0) }.joined()
    return signatures.contains(expected) ? "valid" : "mismatch"
  }

  /// The receiver's control routes under `/_sandbox/webhooks`; `nil` for any other path.
  func webhookControl(_ request: SandboxRequest, _ parts: [String]) -> SandboxResponse? {
    switch (request.method, parts) {
    case ("GET", ["webhooks"]):
      let list = webhookArrivals.map(\.json)
      return .json(200, ["count": list.count, "arrivals": list])
    case ("DELETE", ["webhooks"]):
      let count = webhookArrivals.count
      webhookArrivals = []
      return .json(200, ["cleared": count])
    case ("GET", ["webhooks", "faults"]):
      return .encoded(webhookFaults)
    case ("PUT", ["webhooks", "faults"]):
      guard
        let decoded = try? JSONDecoder().decode(
          SandboxWebhookFaults.self, from: Data(request.body)),
        decoded.isValid
      else {
        return .json(
          400,
          [
            "error":
              "invalid webhook faults: fractions 0...1, serverErrorStatus 500...599, times 0...\(SandboxFaults.maxMilliseconds) ms"
          ])
      }
      webhookFaults = decoded
      return .encoded(webhookFaults)
    default:
      return nil
    }
  }
}
