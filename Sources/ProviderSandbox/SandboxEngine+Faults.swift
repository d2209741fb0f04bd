import Foundation

extension SandboxEngine {
  /// Latency for this call: fixed plus a uniform draw up to the jitter.
  func drawLatency() -> Duration {
    var ms = max(0, faults.latencyMs)
    if faults.latencyJitterMs > 0 {
      ms += Int.random(in: 0...faults.latencyJitterMs, using: &random)
    }
    return .milliseconds(ms)
  }

  /// The injected fault for this call, if any, with its name.
  func drawFault(for request: SandboxRequest) -> (String, SandboxAction)? {
    if isOverRateLimit() || random.chance(faults.rateLimitFraction) {
      var headers: [(String, String)] = []
      if let seconds = faults.retryAfterSeconds { headers.append(("Retry-After", String(seconds))) }
      return ("rateLimit", .respond(SandboxResponse(status: 429, headers: headers)))
    }
    if random.chance(faults.hangFraction) { return ("hang", .hang(.milliseconds(faults.hangMs))) }
    if random.chance(faults.stallBodyFraction) {
      return ("stallBody", .stallBody(.milliseconds(faults.hangMs)))
    }
    if random.chance(faults.resetFraction) { return ("reset", .reset) }
    if random.chance(faults.serverErrorFraction) {
      return ("serverError", .respond(.text(faults.serverErrorStatus, "Service Unavailable")))
    }
    // Throttle codes are Finicity's; Folio gets only 429 and 5xx faults (no draw is made for it).
    if !request.path.hasPrefix("/restapi/"), random.chance(faults.throttleFraction) {
      let message =
        faults.throttleCode == "3000000"
        ? "Microdeposit initiation can't be processed at this time due to technical difficulties. Please try after some time"
        : "Too many request. Please try after some time"
      return ("throttle", .respond(.finicityError(400, code: faults.throttleCode, message)))
    }
    if random.chance(faults.malformedFraction) {
      let body = Array("{\"accountId\": \"50116".utf8)
      return (
        "malformed",
        .respond(
          SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: body))
      )
    }
    return nil
  }

  /// Whether the named fault breaks the answer (and so may strike after the effect) rather than
  /// refusing the request (rate limit, throttle).
  static func losesTheAnswer(_ fault: String) -> Bool {
    ["hang", "stallBody", "reset", "serverError", "malformed"].contains(fault)
  }

  /// A fixed one-second window counter (simple and predictable for a test double).
  func isOverRateLimit() -> Bool {
    guard faults.rateLimitPerSecond > 0 else { return false }
    let second = Int64(Date().timeIntervalSince1970)
    if rateWindow.second != second { rateWindow = (second, 0) }
    rateWindow.count += 1
    return Double(rateWindow.count) > faults.rateLimitPerSecond
  }
}
