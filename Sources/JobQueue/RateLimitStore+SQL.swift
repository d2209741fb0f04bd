import Verification

/// The statements of ``RateLimitStore`` and the row's mapping to ``FleetRate``. Instants travel
/// as whole microseconds since the epoch, exactly.
extension RateLimitStore {
  static func micros(_ column: String) -> String {
    "(extract(epoch FROM \(column)) * 1000000)::bigint"
  }

  static func instant(_ parameter: Int) -> String {
    "timestamptz 'epoch' + $\(parameter)::bigint * interval '1 microsecond'"
  }

  static let lockSQL = """
    SELECT configured_rate, rate, tokens, \(micros("refilled_at")) AS refilled_us,
           \(micros("paused_until")) AS paused_us, pause_cause,
           \(micros("last_decrease_at")) AS decreased_us, generation,
           \(micros("last_refused_at")) AS refused_us, granted_at_last_refusal,
           \(micros("window_start")) AS window_us,
           window_granted, window_refused, last_admitted_rate,
           \(micros("last_window_end")) AS window_end_us, granted_total, refused_total,
           \(micros("clock_timestamp()")) AS now_us
      FROM verifier.rate_limits WHERE provider = $1 FOR UPDATE
    """

  static let createSQL = """
    INSERT INTO verifier.rate_limits (provider, configured_rate, rate, tokens, refilled_at,
                                      window_start, window_granted, window_refused)
    VALUES ($1, $2, $2, $3, clock_timestamp(), clock_timestamp(), 0, 0)
    ON CONFLICT (provider) DO NOTHING
    """

  static let writeSQL = """
    UPDATE verifier.rate_limits SET configured_rate = $2, rate = $3, tokens = $4,
           refilled_at = \(instant(5)), paused_until = \(instant(6)), pause_cause = $7,
           pauses_total = pauses_total + $16,
           last_decrease_at = \(instant(8)), window_start = \(instant(9)), window_granted = $10,
           window_refused = $11, last_admitted_rate = $12, last_window_end = \(instant(13)),
           granted_total = $14, refused_total = $15, generation = $17,
           last_refused_at = \(instant(18)), granted_at_last_refusal = $19,
           updated_at = clock_timestamp()
     WHERE provider = $1
    """

  static func parameters(_ provider: String, _ state: FleetRate, pauseBegan: Bool)
    -> [(any PGEncodable)?]
  {
    [
      provider, state.configuredRate, state.rate, max(0, state.tokens),
      state.refilledAt.microsecondsSinceEpoch, state.pausedUntil?.microsecondsSinceEpoch,
      state.pauseCause, state.lastDecreaseAt?.microsecondsSinceEpoch,
      state.windowStart.microsecondsSinceEpoch, state.windowGranted, state.windowRefused,
      state.lastAdmittedRate, state.lastWindowEnd?.microsecondsSinceEpoch, state.grantedTotal,
      state.refusedTotal, pauseBegan ? 1 : 0, state.generation,
      state.lastRefusedAt?.microsecondsSinceEpoch, state.grantedAtLastRefusal,
    ]
  }

  static func state(_ row: PGRow) throws -> FleetRate {
    func instant(_ column: String) throws -> Timestamp? {
      try row.decodeIfPresent(column, as: Int64.self).map(Timestamp.init(microsecondsSinceEpoch:))
    }
    let refilled = try instant("refilled_us") ?? Timestamp(microsecondsSinceEpoch: 0)
    var state = FleetRate(
      configuredRate: try row.decode("configured_rate"), batch: 0, now: refilled)
    state.rate = try row.decode("rate")
    state.tokens = try row.decode("tokens")
    state.pausedUntil = try instant("paused_us")
    state.pauseCause = try row.decodeIfPresent("pause_cause")
    state.lastDecreaseAt = try instant("decreased_us")
    state.generation = try row.decode("generation")
    state.lastRefusedAt = try instant("refused_us")
    state.grantedAtLastRefusal = try row.decode("granted_at_last_refusal")
    state.windowStart = try instant("window_us") ?? refilled
    state.windowGranted = try row.decode("window_granted")
    state.windowRefused = try row.decode("window_refused")
    state.lastAdmittedRate = try row.decodeIfPresent("last_admitted_rate")
    state.lastWindowEnd = try instant("window_end_us")
    state.grantedTotal = try row.decode("granted_total")
    state.refusedTotal = try row.decode("refused_total")
    return state
  }
}
