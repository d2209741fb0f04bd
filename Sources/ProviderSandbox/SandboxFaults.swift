/// Faults the sandbox injects into provider calls (never into the control API).
///
/// Fractions are probabilities from 0 to 1, drawn from the seeded generator, checked in this
/// order: rate limit, hang, stalled body, reset, 5xx, throttle code, malformed body.
public struct SandboxFaults: Sendable, Codable, Hashable {
  /// Fixed latency added to every call, milliseconds.
  public var latencyMs: Int
  /// Extra latency drawn uniformly from 0 to this, milliseconds (a simple distribution).
  public var latencyJitterMs: Int
  /// Requests per second allowed before answering 429 with no body; 0 means no limit.
  public var rateLimitPerSecond: Double
  /// Fraction of calls answered 429 regardless of rate.
  public var rateLimitFraction: Double
  /// `Retry-After` seconds sent with 429s; `nil` sends none (as Finicity documents).
  public var retryAfterSeconds: Int?
  /// Fraction of calls answered with a 5xx.
  public var serverErrorFraction: Double
  /// The 5xx status used.
  public var serverErrorStatus: Int
  /// Fraction of calls that hang (no answer) for `hangMs`.
  public var hangFraction: Double
  /// How long a hung call waits before giving up, milliseconds.
  public var hangMs: Int
  /// Fraction of calls answered with a 200 head and the start of a body, then nothing for
  /// `hangMs` (a body that stalls after the headers), then a cut connection.
  public var stallBodyFraction: Double
  /// Fraction of calls whose connection is cut mid-response.
  public var resetFraction: Double
  /// Fraction of calls answered 200 with a truncated JSON body.
  public var malformedFraction: Double
  /// Fraction of Finicity calls answered 400 with a throttle code (never Folio calls).
  public var throttleFraction: Double
  /// The throttle code sent: "3300001" or "3000000".
  public var throttleCode: String
  /// When `true`, the hang, stalled-body, reset, 5xx and malformed faults strike after the request
  /// was handled: its effects happen (deposits sent, attempts and counters counted) and only the
  /// answer is lost or broken ("the deposits were sent but the answer was lost"). Rate limits and
  /// throttle codes always refuse before handling.
  public var afterEffect: Bool

  /// No faults.
  public init(
    latencyMs: Int = 0, latencyJitterMs: Int = 0, rateLimitPerSecond: Double = 0,
    rateLimitFraction: Double = 0, retryAfterSeconds: Int? = nil, serverErrorFraction: Double = 0,
    serverErrorStatus: Int = 503, hangFraction: Double = 0, hangMs: Int = 60_000,
    stallBodyFraction: Double = 0, resetFraction: Double = 0,
    malformedFraction: Double = 0, throttleFraction: Double = 0, throttleCode: String = "3300001",
    afterEffect: Bool = false
  ) {
    self.latencyMs = latencyMs
    self.latencyJitterMs = latencyJitterMs
    self.rateLimitPerSecond = rateLimitPerSecond
    self.rateLimitFraction = rateLimitFraction
    self.retryAfterSeconds = retryAfterSeconds
    self.serverErrorFraction = serverErrorFraction
    self.serverErrorStatus = serverErrorStatus
    self.hangFraction = hangFraction
    self.hangMs = hangMs
    self.stallBodyFraction = stallBodyFraction
    self.resetFraction = resetFraction
    self.malformedFraction = malformedFraction
    self.throttleFraction = throttleFraction
    self.throttleCode = throttleCode
    self.afterEffect = afterEffect
  }

  enum CodingKeys: String, CodingKey {
    case latencyMs, latencyJitterMs, rateLimitPerSecond, rateLimitFraction, retryAfterSeconds
    case serverErrorFraction, serverErrorStatus, hangFraction, hangMs, stallBodyFraction,
      resetFraction,
      malformedFraction
    case throttleFraction, throttleCode, afterEffect
  }

  /// Decodes a partial JSON object: missing keys keep their defaults.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = SandboxFaults()
    latencyMs = try c.decodeIfPresent(Int.self, forKey: .latencyMs) ?? d.latencyMs
    latencyJitterMs = try c.decodeIfPresent(Int.self, forKey: .latencyJitterMs) ?? d.latencyJitterMs
    rateLimitPerSecond =
      try c.decodeIfPresent(Double.self, forKey: .rateLimitPerSecond) ?? d.rateLimitPerSecond
    rateLimitFraction =
      try c.decodeIfPresent(Double.self, forKey: .rateLimitFraction) ?? d.rateLimitFraction
    retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds)
    serverErrorFraction =
      try c.decodeIfPresent(Double.self, forKey: .serverErrorFraction) ?? d.serverErrorFraction
    serverErrorStatus =
      try c.decodeIfPresent(Int.self, forKey: .serverErrorStatus) ?? d.serverErrorStatus
    hangFraction = try c.decodeIfPresent(Double.self, forKey: .hangFraction) ?? d.hangFraction
    hangMs = try c.decodeIfPresent(Int.self, forKey: .hangMs) ?? d.hangMs
    stallBodyFraction =
      try c.decodeIfPresent(Double.self, forKey: .stallBodyFraction) ?? d.stallBodyFraction
    resetFraction = try c.decodeIfPresent(Double.self, forKey: .resetFraction) ?? d.resetFraction
    malformedFraction =
      try c.decodeIfPresent(Double.self, forKey: .malformedFraction) ?? d.malformedFraction
    throttleFraction =
      try c.decodeIfPresent(Double.self, forKey: .throttleFraction) ?? d.throttleFraction
    throttleCode = try c.decodeIfPresent(String.self, forKey: .throttleCode) ?? d.throttleCode
    afterEffect = try c.decodeIfPresent(Bool.self, forKey: .afterEffect) ?? d.afterEffect
  }
}
