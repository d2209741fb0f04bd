extension SandboxFaults {
  /// Longest latency, jitter or hang the sandbox takes, one hour (beyond any client's timeout).
  static let maxMilliseconds = 3_600_000

  /// These faults with every value the server could not act on brought into range: times in
  /// `0...maxMilliseconds`, the injected status in `500...599` (503 otherwise; a status outside
  /// `0...999` would stop the process, a 1xx would break the connection), `Retry-After` not
  /// negative. `PUT /_sandbox/faults` refuses faults that this changes; faults from the
  /// configuration (flags) are used clamped.
  func clamped() -> SandboxFaults {
    var faults = self
    faults.latencyMs = Self.clamp(latencyMs)
    faults.latencyJitterMs = Self.clamp(latencyJitterMs)
    faults.hangMs = Self.clamp(hangMs)
    if !(500...599).contains(serverErrorStatus) { faults.serverErrorStatus = 503 }
    faults.retryAfterSeconds = retryAfterSeconds.map { max(0, $0) }
    return faults
  }

  private static func clamp(_ milliseconds: Int) -> Int {
    min(max(0, milliseconds), maxMilliseconds)
  }
}
