import Testing

@testable import Verification

@Suite("Fleet rate law: batches, the bound, decrease from admitted calls, probing back up")
struct FleetRateLawTests {
  let start = Timestamp(secondsSinceEpoch: 1_700_000_000)

  func at(_ seconds: Double) -> Timestamp {
    start + .microseconds(Int64(seconds * 1_000_000))
  }

  @Test("a full bucket grants one batch at most; then it refills at the rate")
  func batches() {
    let law = FleetRateLaw(configuredRate: 250)
    #expect(law.batch == 10)
    #expect(FleetRateLaw(configuredRate: 100).batch == 4)
    #expect(FleetRateLaw(configuredRate: 3).batch == 2)
    var state = FleetRate(configuredRate: 250, batch: law.batch, now: start)
    let first = law.lease(&state, want: 25, configuredRate: 250, now: start)
    #expect(first.permits == 10)
    #expect(first.retryIn == .milliseconds(20))
    let empty = law.lease(&state, want: 1, configuredRate: 250, now: start)
    #expect(empty.permits == 0)
    #expect(empty.retryIn == .milliseconds(4))
    let later = law.lease(&state, want: 3, configuredRate: 250, now: at(0.02))
    #expect(later.permits == 3)
    #expect(later.retryIn == nil)
    #expect(state.grantedTotal == 13)
  }

  @Test(
    "greedy daemons never get more than the rate plus one batch in any second",
    arguments: [50.0, 500])
  func bound(rate: Double) {
    let law = FleetRateLaw(configuredRate: rate)
    var state = FleetRate(configuredRate: rate, batch: law.batch, now: start)
    var grants: [(Double, Int)] = []
    var clock = 0.0
    var random = SeededGenerator(state: 7)
    while clock < 30 {
      let want = 1 + Int(random.next() % 40)
      let grant = law.lease(&state, want: want, configuredRate: rate, now: at(clock))
      if grant.permits > 0 { grants.append((clock, grant.permits)) }
      clock += Double(random.next() % 4_000) / 1_000_000
    }
    var most = 0
    var first = 0
    var inWindow = 0
    for (time, permits) in grants {
      inWindow += permits
      while grants[first].0 <= time - 1 {
        inWindow -= grants[first].1
        first += 1
      }
      most = max(most, inWindow)
    }
    #expect(most <= Int(rate) + law.batch)
    #expect(most >= Int(rate) - law.batch)
    #expect(Double(state.grantedTotal) >= rate * 29)
  }

  @Test("no permits while paused; the pause is Retry-After, or one permit interval")
  func pause() {
    let law = FleetRateLaw(configuredRate: 100)
    var state = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    law.refused(&state, retryAfter: .seconds(2), cause: "429", now: start)
    #expect(state.pauseCause == "429")
    let paused = law.lease(&state, want: 1, configuredRate: 100, now: at(1.5))
    #expect(paused.permits == 0)
    #expect(paused.retryIn == .milliseconds(500))
    #expect(law.lease(&state, want: 1, configuredRate: 100, now: at(2.1)).permits == 1)
    var other = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    law.refused(&other, retryAfter: nil, cause: "429", now: start)
    #expect(other.rate == 60)
    #expect(other.pausedUntil == start + .microseconds(Int64(1_000_000 / 60.0)))
  }

  @Test("a decrease comes from the admitted rate, once per reaction gap, and never below the floor")
  func decrease() {
    let law = FleetRateLaw(configuredRate: 100)
    var state = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    state.lastAdmittedRate = 50
    state.lastWindowEnd = at(0.5)
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.9))
    #expect(state.rate == 49)
    law.refused(&state, retryAfter: nil, cause: "429", now: at(1.5))
    #expect(state.rate == 49)
    #expect(state.refusedTotal == 2)
    for second in 2..<40 {
      state.lastAdmittedRate = 0.1
      state.lastWindowEnd = at(Double(second))
      law.refused(&state, retryAfter: nil, cause: "429", now: at(Double(second)))
    }
    #expect(state.rate == 1)
  }

  @Test(
    "refusals in quick succession of calls permitted after the decrease: the window is full, the pause doubles"
  )
  func fullWindow() {
    let law = FleetRateLaw(configuredRate: 100)
    var state = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    let before = law.lease(&state, want: 1, configuredRate: 100, now: start).generation
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.5), permitGeneration: before)
    let after = state.generation
    #expect(after == before + 1)
    let interval = Duration.microseconds(Int64(1_000_000 / 60.0))
    // A call permitted before the decrease, refused in flight: a short pause only.
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.52), permitGeneration: before)
    #expect(state.pausedUntil == at(0.52) + interval)
    // Permitted after it, 30 ms after the last refusal: paused twice that.
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.55), permitGeneration: after)
    #expect(state.pausedUntil == at(0.61))
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.67), permitGeneration: after)
    #expect(state.pausedUntil == at(0.91))
    // A lone refusal long after the last one pauses briefly, even within the reaction gap.
    law.refused(&state, retryAfter: nil, cause: "429", now: at(1.3), permitGeneration: after)
    #expect(state.pausedUntil == at(1.3) + interval)
    #expect(state.rate == 60)
  }

  @Test("refusals among calls that pass (more than a batch granted in between) pause briefly")
  func scatteredRefusals() {
    let law = FleetRateLaw(configuredRate: 100)
    var state = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.5))
    let generation = state.generation
    var clock = 0.52
    while clock < 0.7 {
      _ = law.lease(&state, want: 4, configuredRate: 100, now: at(clock))
      clock += 0.02
    }
    #expect(state.grantedTotal - state.grantedAtLastRefusal > Int64(law.batch))
    law.refused(&state, retryAfter: nil, cause: "429", now: at(0.7), permitGeneration: generation)
    #expect(state.pausedUntil == at(0.7) + .microseconds(Int64(1_000_000 / 60.0)))
  }

  @Test("after the hold, the rate probes back up, faster the longer nothing is refused")
  func probe() {
    let law = FleetRateLaw(configuredRate: 100)
    var state = FleetRate(configuredRate: 100, batch: law.batch, now: start)
    law.refused(&state, retryAfter: nil, cause: "429", now: start)
    #expect(state.rate == 60)
    _ = law.lease(&state, want: 0, configuredRate: 100, now: at(6))
    #expect(state.rate == 60)
    _ = law.lease(&state, want: 0, configuredRate: 100, now: at(7))
    #expect(abs(state.rate - 60.2) < 1e-9)
    for tenth in 71...900 {
      _ = law.lease(&state, want: 0, configuredRate: 100, now: at(Double(tenth) / 10))
    }
    #expect(state.rate == 100)
  }

  @Test(
    "against a provider admitting half the configured rate per calendar second: goodput at least 97 %, refusals at most 1 %"
  )
  func findsAHalfLimit() {
    let result = simulate(configured: 100, providerLimit: 50, daemons: 3, seconds: 300)
    #expect(result.goodput >= 0.97, "goodput \(result.goodput)")
    #expect(result.refusedShare <= 0.01, "refused \(result.refusedShare)")
  }

  @Test("at the configured rate of a provider that admits exactly it, almost nothing is refused")
  func holdsTheConfiguredLimit() {
    let result = simulate(configured: 100, providerLimit: 100, daemons: 3, seconds: 120)
    #expect(result.goodput >= 0.97, "goodput \(result.goodput)")
    #expect(result.refusedShare <= 0.01, "refused \(result.refusedShare)")
  }

  @Test("a limit that changes is found again: down from 80 to 40, then up to 70")
  func changingLimit() {
    let limit: (Double) -> Int = { $0 < 60 ? 80 : ($0 < 120 ? 40 : 70) }
    let run = simulate(configured: 100, limit: limit, daemons: 3, seconds: 240)
    func share(_ seconds: Range<Int>, of provider: Int) -> Double {
      Double(run.admitted[seconds].reduce(0, +)) / Double(provider * seconds.count)
    }
    #expect(share(30..<60, of: 80) >= 0.95, "at 80: \(share(30..<60, of: 80))")
    #expect(share(90..<120, of: 40) >= 0.95, "at 40: \(share(90..<120, of: 40))")
    #expect(share(200..<240, of: 70) >= 0.95, "at 70 again: \(share(200..<240, of: 70))")
  }

  /// Daemons with endless work lease permits and send each call at once to a provider that
  /// counts calls per calendar second, as the sandbox does; refusals reach the law 2 ms later.
  func simulate(configured: Double, providerLimit: Int, daemons: Int, seconds: Double) -> (
    goodput: Double, refusedShare: Double
  ) {
    let run = simulate(
      configured: configured, limit: { _ in providerLimit }, daemons: daemons, seconds: seconds)
    return (
      Double(run.admitted.reduce(0, +)) / (Double(providerLimit) * seconds),
      Double(run.refused) / Double(max(1, run.admitted.reduce(0, +) + run.refused))
    )
  }

  /// The same with a provider limit that may change with time; returns the calls admitted in
  /// each second and the calls refused.
  func simulate(
    configured: Double, limit: (Double) -> Int, daemons: Int, seconds: Double
  ) -> (admitted: [Int], refused: Int) {
    let law = FleetRateLaw(configuredRate: configured)
    var state = FleetRate(configuredRate: configured, batch: law.batch, now: start)
    var nextAsk = Array(repeating: 0.0, count: daemons)
    var counted: (second: Int, calls: Int) = (0, 0)
    var admitted = Array(repeating: 0, count: Int(seconds.rounded(.up)) + 1)
    var refused = 0
    var reports: [(at: Double, generation: Int64)] = []
    var clock = 0.0
    while clock < seconds {
      reports.sort { $0.at < $1.at }
      while let report = reports.first, report.at <= clock {
        law.refused(
          &state, retryAfter: nil, cause: "429", now: at(report.at),
          permitGeneration: report.generation)
        reports.removeFirst()
      }
      for daemon in 0..<daemons where nextAsk[daemon] <= clock {
        let grant = law.lease(&state, want: 20, configuredRate: configured, now: at(clock))
        for _ in 0..<grant.permits {
          let second = Int(clock.rounded(.down))
          if counted.second != second { counted = (second, 0) }
          counted.calls += 1
          if counted.calls > limit(clock) {
            refused += 1
            reports.append((clock + 0.002, grant.generation))
          } else {
            admitted[min(admitted.count - 1, second)] += 1
          }
        }
        nextAsk[daemon] = clock + max(0.001, grant.retryIn?.seconds ?? 0.001)
      }
      clock = min(nextAsk.min() ?? seconds, reports.map(\.at).min() ?? seconds)
    }
    return (admitted, refused)
  }
}
