/// What the daemon measured about the provider call whose result a decision handles; it goes on
/// that decision's `provider_call` events.
public struct CallMeasurement: Sendable, Hashable {
  /// The HTTP status, when the outcome tells it.
  public var httpStatus: Int?
  /// How long the call took.
  public var latency: Duration

  /// Creates a measurement.
  public init(httpStatus: Int?, latency: Duration) {
    self.httpStatus = httpStatus
    self.latency = latency
  }

  /// The latency in whole milliseconds (`verifier.events.latency_ms`).
  var latencyMilliseconds: Int {
    let parts = latency.components
    return Int(parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
  }
}
