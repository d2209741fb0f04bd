import Foundation
import JobQueue
import Testing
import VerifierRuntime

@Suite("Loop state: claiming, runners, releases and the drain, without I/O")
struct LoopStateTests {
  static func lease(_ id: Int64) -> Lease { Lease(jobID: id, token: UUID()) }

  @Test("one claim at a time, sized by the room left; a wake-up during a claim is remembered")
  func claimsOneAtATime() {
    var state = LoopState(claimBatch: 4, maxInFlight: 6)
    #expect(state.wake() == [.claim(limit: 4)])
    #expect(state.wake().isEmpty)
    #expect(state.wantsClaim)
    let leases = (1...3).map(Self.lease)
    // A short batch, but a wake-up came meanwhile: claim again for the room left.
    #expect(
      state.claimed(leases, limit: 4) == leases.map(LoopState.Command.run) + [.claim(limit: 3)])
    #expect(state.inFlight.count == 3)
    #expect(state.claimRounds == 1)
  }

  @Test("a full batch claims again at once; a full loop waits for a runner to end")
  func fullBatchAndFullLoop() {
    var state = LoopState(claimBatch: 2, maxInFlight: 2)
    _ = state.wake()
    let leases = [Self.lease(1), Self.lease(2)]
    // Full batch: more may be due, but there is no room until a runner ends.
    #expect(state.claimed(leases, limit: 2) == leases.map(LoopState.Command.run))
    #expect(state.wantsClaim)
    #expect(state.runnerEnded(leases[0]) == [.claim(limit: 1)])
    #expect(!state.wantsClaim)
  }

  @Test("never two runners for one job: a job claimed again under a new lease is given back")
  func noSecondRunner() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    _ = state.wake()
    let old = Self.lease(7)
    _ = state.claimed([old], limit: 4)
    _ = state.wake()
    let again = Self.lease(7)
    #expect(state.claimed([again], limit: 4) == [.release([again])])
    #expect(state.inFlight[7] == old)
    #expect(state.releasing == 1)
    // The old runner's end clears the job; a stale lease's end changes nothing.
    #expect(state.runnerEnded(again).isEmpty)
    #expect(state.inFlight[7] == old)
    _ = state.runnerEnded(old)
    #expect(state.inFlight.isEmpty)
  }

  @Test("a failed claim counts as a round and claims nothing")
  func failedClaim() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    _ = state.wake()
    #expect(state.claimed([], limit: 4).isEmpty)
    #expect(!state.claiming)
    #expect(state.claimRounds == 1)
  }

  @Test("draining: no claims or sweeps; finishes once runners end and no claim is under way")
  func drainWaitsForRunners() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    _ = state.wake()
    let running = Self.lease(1)
    _ = state.claimed([running], limit: 4)
    _ = state.wake()
    // Draining while a claim is under way: nothing finishes yet.
    #expect(state.beginDrain() == [])
    #expect(state.beginDrain() == nil, "a second drain request changes nothing")
    #expect(state.wake().isEmpty)
    #expect(state.sweepDue().isEmpty)
    // The claim comes back with a job: it is given back, not run.
    let late = Self.lease(2)
    #expect(state.claimed([late], limit: 4) == [.release([late])])
    #expect(state.released().isEmpty, "the runner is still going")
    #expect(state.runnerEnded(running) == [.finish(release: [])])
    #expect(state.finished)
    #expect(state.runnerEnded(running).isEmpty)
  }

  @Test("the drain timeout finishes with the leases of runners still going")
  func drainTimeout() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    _ = state.wake()
    let leases = [Self.lease(3), Self.lease(1)]
    _ = state.claimed(leases, limit: 4)
    #expect(state.beginDrain() == [])
    #expect(state.drainTimedOut() == [.finish(release: [leases[1], leases[0]])])
    #expect(state.inFlight.isEmpty)
    #expect(state.drainTimedOut().isEmpty)
  }

  @Test("one prompt sweep at a time")
  func sweeps() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    #expect(state.sweepDue() == [.sweep])
    #expect(state.sweepDue().isEmpty)
    state.sweepEnded()
    #expect(state.sweepDue() == [.sweep])
  }

  @Test("renewal covers every job in flight")
  func renewal() {
    var state = LoopState(claimBatch: 4, maxInFlight: 4)
    _ = state.wake()
    let leases = [Self.lease(2), Self.lease(1)]
    _ = state.claimed(leases, limit: 4)
    #expect(state.leasesToRenew == [leases[1], leases[0]])
  }
}
