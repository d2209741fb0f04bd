import Testing
import VerifierRuntime

@Suite("Loop health: readiness, watchdog and status, without I/O")
struct LoopHealthTests {
  static let second: UInt64 = 1_000_000_000

  @Test("READY once, after the first claim round that worked")
  func readyAfterFirstClaim() {
    var health = LoopHealth(stallLimit: .seconds(60))
    health.began(.claim, at: 0)
    #expect(health.ended(.claim, failure: "claim failed") == LoopHealth.Action.none)
    #expect(!health.isReady)
    health.began(.sweep, at: 0)
    #expect(health.ended(.sweep) == LoopHealth.Action.none)
    health.began(.claim, at: Self.second)
    #expect(health.ended(.claim) == .ready)
    health.began(.claim, at: 2 * Self.second)
    #expect(health.ended(.claim) == LoopHealth.Action.none)
    #expect(health.claimRounds == 2)
    #expect(health.lastError == "claim failed")
  }

  @Test("the watchdog pings while nothing stalls, withholds once per stall, resumes after")
  func watchdog() {
    var health = LoopHealth(stallLimit: .seconds(10))
    #expect(health.watchdogTick(at: 100 * Self.second) == .ping)
    health.began(.claim, at: 100 * Self.second)
    #expect(health.watchdogTick(at: 105 * Self.second) == .ping)
    guard case .withhold(let reason) = health.watchdogTick(at: 111 * Self.second) else {
      Issue.record("a claim outstanding past the stall limit must withhold the ping")
      return
    }
    #expect(reason.contains("claim"))
    #expect(health.watchdogTick(at: 120 * Self.second) == LoopHealth.Action.none)
    _ = health.ended(.claim)
    #expect(health.watchdogTick(at: 121 * Self.second) == .ping)
  }

  @Test("a group commit stalled on a hung server withholds the ping like a stalled claim")
  func stalledWrite() {
    var health = LoopHealth(stallLimit: .seconds(10))
    health.began(.write, at: 100 * Self.second)
    #expect(health.watchdogTick(at: 105 * Self.second) == .ping)
    guard case .withhold(let reason) = health.watchdogTick(at: 111 * Self.second) else {
      Issue.record("a stalled write must withhold the ping")
      return
    }
    #expect(reason.contains("write"))
    #expect(health.ended(.write) == LoopHealth.Action.none)
    #expect(health.watchdogTick(at: 112 * Self.second) == .ping)
  }

  @Test("the status line counts and names the last failure, never more")
  func status() {
    var health = LoopHealth(stallLimit: .seconds(10))
    #expect(health.status(inFlight: 0, draining: false).hasPrefix("starting: 0 in flight"))
    health.began(.claim, at: 0)
    _ = health.ended(.claim)
    health.jobFinished()
    health.failed("write-back failed")
    #expect(
      health.status(inFlight: 3, draining: false)
        == "running: 3 in flight, 1 job runs, 1 claim rounds; last error: write-back failed")
    #expect(health.status(inFlight: 0, draining: true).hasPrefix("draining"))
  }
}
