/// How the sandbox's webhook receiver misbehaves (`PUT /_sandbox/webhooks/faults`), to test a
/// sender's retries and timeouts. Missing keys take their defaults: a receiver that answers at
/// once, every time.
public struct SandboxWebhookFaults: Codable, Sendable, Equatable {
  /// Fraction of deliveries answered with `serverErrorStatus` (their arrival still recorded).
  public var serverErrorFraction: Double = 0
  /// The status of those answers, 500...599.
  public var serverErrorStatus: Int = 503
  /// Fraction of deliveries never answered for `hangMs` (the sender's timeout ends them).
  public var hangFraction: Double = 0
  /// How long a hung delivery waits, in milliseconds.
  public var hangMs: Int = 30_000
  /// Delay before every answer, in milliseconds.
  public var latencyMs: Int = 0

  /// Creates the defaults.
  public init() {}

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    serverErrorFraction = try c.decodeIfPresent(Double.self, forKey: .serverErrorFraction) ?? 0
    serverErrorStatus = try c.decodeIfPresent(Int.self, forKey: .serverErrorStatus) ?? 503
    hangFraction = try c.decodeIfPresent(Double.self, forKey: .hangFraction) ?? 0
    hangMs = try c.decodeIfPresent(Int.self, forKey: .hangMs) ?? 30_000
    latencyMs = try c.decodeIfPresent(Int.self, forKey: .latencyMs) ?? 0
  }

  /// Whether every value is in range: fractions 0...1, status 500...599, times
  /// 0...``SandboxFaults/maxMilliseconds``.
  public var isValid: Bool {
    let fractions = [serverErrorFraction, hangFraction].allSatisfy { (0...1).contains($0) }
    let times = [hangMs, latencyMs].allSatisfy { (0...SandboxFaults.maxMilliseconds).contains($0) }
    return fractions && times && (500...599).contains(serverErrorStatus)
  }
}
