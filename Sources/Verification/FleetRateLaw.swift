/// How a ``FleetRate`` changes: permits leased in batches, refusals that lower the rate, and the
/// probe back up. Pure: every instant is an input (the database's clock).
///
/// **Bound.** The bucket holds at most `batch` permits and refills at `rate` ≤ the configured
/// rate, so in any interval of `t` seconds the fleet is granted at most `batch + rate × t`
/// permits: in any one second, the configured rate plus one batch. A daemon hands each permit
/// to a call that is already waiting the moment it is granted and keeps none, so calls are sent
/// as permits are granted.
///
/// **Decrease.** A refusal (429 or a throttle code) empties the bucket, pauses the provider for
/// `Retry-After` (or one permit interval without it), and lowers the rate to `decreaseMargin`
/// times the rate the provider *admitted* in the last complete one-second window (granted less
/// refused), or to `decreaseFactor` times the rate when there is no recent window. Admitted
/// calls measure the provider's real limit; granted ones overstate it by the refused calls. A
/// refusal within `reactionGap` of the last decrease lowers nothing more: its call was granted
/// before that decrease took effect. When it was permitted after it (its permit's generation),
/// comes within `burstGap` of the previous refusal and at most a batch of permits was granted in
/// between (nothing got through), the provider's window is still full: the pause grows to twice
/// the time since that refusal (at most `maxWindowPause`), so the rest of a full window costs a
/// few refusals, not all its calls, while a lone refusal, or refusals among calls that pass,
/// pause briefly.
///
/// **Increase.** After `hold` without a decrease, the rate rises linearly, starting at
/// `probeSlope` of the configured rate per second and doubling after each `probeDoubling`, up to
/// `maxProbeSlope`: a limit just above the lowered rate is found again within seconds, a
/// doubled one within about a minute.
public struct FleetRateLaw: Sendable, Hashable {
  /// The most permits one lease takes, and the bucket's capacity.
  public var batch: Int
  /// The lowered rate's share of the admitted rate.
  public var decreaseMargin = 0.98
  /// The lowered rate's share of the rate when no admitted rate is known.
  public var decreaseFactor = 0.6
  /// Refusals this soon after a decrease lower nothing more.
  public var reactionGap: Duration = .seconds(1)
  /// The longest pause a full provider window makes (without `Retry-After`).
  public var maxWindowPause: Duration = .milliseconds(500)
  /// Refusals this close together, of calls permitted after the last decrease, show a full
  /// window.
  public var burstGap: Duration = .milliseconds(250)
  /// No increase this long after a decrease.
  public var hold: Duration = .seconds(6)
  /// The first increase, as a share of the configured rate per second.
  public var probeSlope = 0.002
  /// The increase doubles this often.
  public var probeDoubling: Duration = .seconds(10)
  /// The steepest increase, as a share of the configured rate per second.
  public var maxProbeSlope = 0.1
  /// The rate never falls below this share of the configured rate.
  public var minimumShare = 0.01

  /// The law for a fleet configured at `configuredRate`, with ``defaultBatch(for:)`` unless
  /// `batch` says otherwise.
  public init(configuredRate: Double, batch: Int? = nil) {
    self.batch = max(2, batch ?? Self.defaultBatch(for: configuredRate))
  }

  /// A 25th of a second's permits, at least 2 and at most 50: small enough that a provider
  /// counting calls per second sees no clumps. A daemon short of permits asks again when half a
  /// batch has refilled (a lease round trip about every 20 ms), so an ask that comes late loses
  /// nothing to the bucket's cap.
  public static func defaultBatch(for rate: Double) -> Int {
    guard rate.isFinite, rate > 0 else { return 2 }
    return max(2, min(50, Int((rate / 25).rounded(.down))))
  }

  /// Leases up to `want` permits (at most one batch) at `now` for a daemon configured at
  /// `configuredRate`; returns how many were granted and, when fewer than wanted, how long
  /// until asking again is worthwhile.
  public func lease(_ state: inout FleetRate, want: Int, configuredRate: Double, now: Timestamp)
    -> FleetGrant
  {
    adopt(&state, configuredRate: configuredRate)
    refill(&state, now: now)
    guard want > 0 else {
      return FleetGrant(permits: 0, retryIn: nil, generation: state.generation)
    }
    if let until = state.pausedUntil, now < until {
      return FleetGrant(permits: 0, retryIn: until - now, generation: state.generation)
    }
    let permits = min(want, batch, Int(state.tokens.rounded(.down)))
    state.tokens -= Double(permits)
    state.windowGranted += permits
    state.grantedTotal += Int64(permits)
    guard permits < want else {
      return FleetGrant(permits: permits, retryIn: nil, generation: state.generation)
    }
    let needed = Double(min(want - permits, max(1, batch / 2))) - state.tokens
    return FleetGrant(
      permits: permits, retryIn: Self.seconds(max(0, needed) / state.rate),
      generation: state.generation)
  }

  /// The provider refused a call for its limit at `now`: pause, and lower the rate (see the type).
  /// `permitGeneration`: the generation of the refused call's permit, when known.
  public func refused(
    _ state: inout FleetRate, retryAfter: Duration?, cause: String, now: Timestamp,
    permitGeneration: Int64? = nil
  ) {
    // Counted before the refill, so a window that closes now includes this refusal.
    state.windowRefused += 1
    state.refusedTotal += 1
    refill(&state, now: now)
    let justLowered = state.lastDecreaseAt.map { now - $0 < reactionGap } ?? false
    if !justLowered {
      var target = state.rate * decreaseFactor
      if let admitted = admittedRate(state, now: now), admitted > 0 {
        target = min(admitted, state.rate) * decreaseMargin
      }
      state.rate = max(minimumRate(state), min(state.rate, target))
      state.lastDecreaseAt = now
      state.generation += 1
    }
    state.tokens = 0
    var pause = max(retryAfter ?? .zero, Self.seconds(1 / state.rate))
    if justLowered, permitGeneration == state.generation, let previous = state.lastRefusedAt,
      now - previous <= burstGap, state.grantedTotal - state.grantedAtLastRefusal <= Int64(batch)
    {
      pause = max(pause, min(maxWindowPause, (now - previous) * 2))
    }
    state.lastRefusedAt = now
    state.grantedAtLastRefusal = state.grantedTotal
    state.pausedUntil = max(state.pausedUntil ?? now, now + pause)
    state.pauseCause = cause
  }

  /// The rate the provider admitted lately: the last complete window's if it ended at most two
  /// seconds ago, else the current window's once it is half a second old, else unknown.
  func admittedRate(_ state: FleetRate, now: Timestamp) -> Double? {
    if let rate = state.lastAdmittedRate, let end = state.lastWindowEnd, now - end <= .seconds(2) {
      return rate
    }
    let current = (now - state.windowStart).seconds
    guard current >= 0.5 else { return nil }
    return state.admittedRate(over: current)
  }

  /// The rate never goes below this.
  public func minimumRate(_ state: FleetRate) -> Double {
    state.configuredRate * minimumShare
  }

  /// Takes a daemon's configured rate as the fleet's (the newest lease's wins; configure every
  /// daemon alike). A fleet that was never refused runs at the configured rate.
  func adopt(_ state: inout FleetRate, configuredRate: Double) {
    guard configuredRate.isFinite, configuredRate > 0, configuredRate != state.configuredRate
    else { return }
    state.configuredRate = configuredRate
    state.rate = state.lastDecreaseAt == nil ? configuredRate : min(state.rate, configuredRate)
  }

  /// Adds the permits and the probe earned since the last refill, and closes the admission
  /// window once it is a second old.
  func refill(_ state: inout FleetRate, now: Timestamp) {
    let elapsed = (now - state.refilledAt).seconds
    guard elapsed > 0 else { return }
    if let until = state.pausedUntil, now >= until { state.pausedUntil = nil }
    if let lowered = state.lastDecreaseAt, state.rate < state.configuredRate {
      let probing = (now - lowered - hold).seconds
      if probing > 0 {
        let doublings = Int(min(30, probing / probeDoubling.seconds))
        let slope = min(
          maxProbeSlope, Double(sign: .plus, exponent: doublings, significand: probeSlope))
        state.rate = min(state.configuredRate, state.rate + slope * state.configuredRate * elapsed)
      }
    }
    if !state.isPaused(at: now) {
      state.tokens = min(Double(batch), state.tokens + elapsed * state.rate)
    }
    state.refilledAt = now
    let window = (now - state.windowStart).seconds
    if window >= 1 {
      state.lastAdmittedRate = window <= 2 ? state.admittedRate(over: window) : nil
      state.lastWindowEnd = now
      state.windowStart = now
      state.windowGranted = 0
      state.windowRefused = 0
    }
  }

  static func seconds(_ value: Double) -> Duration {
    guard value.isFinite, value > 0 else { return .zero }
    return .microseconds(Int64(min(value, 3_600) * 1_000_000))
  }
}

/// What one lease got: permits to use now, and when to ask again if that was fewer than wanted.
public struct FleetGrant: Sendable, Hashable {
  /// Permits granted, to be used at once.
  public var permits: Int
  /// How long until asking again is worthwhile; `nil` when everything wanted was granted.
  public var retryIn: Duration?
  /// The rate's generation the permits were granted in (``FleetRate/generation``).
  public var generation: Int64

  /// Creates a grant.
  public init(permits: Int, retryIn: Duration?, generation: Int64 = 0) {
    self.permits = permits
    self.retryIn = retryIn
    self.generation = generation
  }
}
