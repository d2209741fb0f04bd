import JobQueue

/// The run loop's bookkeeping, decided without I/O: which jobs are in flight, whether a claim or
/// a prompt sweep is under way or wanted, and the drain. Each event returns the commands the
/// loop carries out (claim, run, release, sweep, finish); ``VerifierRuntime`` does the I/O and
/// feeds the results back. Lives on the loop's queue (in ``QueueBound``).
public struct LoopState: Sendable, Equatable {
  /// What the loop must do after an event.
  public enum Command: Sendable, Equatable {
    /// Start one claim round trip for at most `limit` jobs.
    case claim(limit: Int)
    /// Start a runner for the job claimed under this lease.
    case run(Lease)
    /// Give these leases back at once (jobs claimed while draining, or claimed again while a
    /// runner of ours still holds them under an older lease); then report ``released()``.
    case release([Lease])
    /// Start one prompt sweep; then report ``sweepEnded()``.
    case sweep
    /// The drain is done: release these leases of unfinished calls (maybe none) and stop.
    case finish(release: [Lease])
  }

  /// Jobs claimed per round trip.
  public var claimBatch: Int
  /// Jobs in flight at most.
  public var maxInFlight: Int
  /// The jobs whose runners are going, by job id.
  public private(set) var inFlight: [Int64: Lease] = [:]
  /// A claim round trip is under way.
  public private(set) var claiming = false
  /// A claim is wanted as soon as one may start (more may be due).
  public private(set) var wantsClaim = false
  /// A prompt sweep is under way.
  public private(set) var sweeping = false
  /// Draining: no new claims or sweeps.
  public private(set) var draining = false
  /// Release round trips under way.
  public private(set) var releasing = 0
  /// Claim round trips completed (failed ones included).
  public private(set) var claimRounds = 0
  /// The drain's last command was given.
  public private(set) var finished = false
  private var drainDeadlinePassed = false

  /// A loop that holds nothing yet.
  public init(claimBatch: Int, maxInFlight: Int) {
    self.claimBatch = claimBatch
    self.maxInFlight = maxInFlight
  }

  /// Jobs may be due (NOTIFY, the backstop timer, a job finished): claim if there is room and no
  /// claim is under way, otherwise remember to claim once one may start.
  public mutating func wake() -> [Command] {
    guard !draining else { return [] }
    let room = maxInFlight - inFlight.count
    guard room > 0, !claiming else {
      wantsClaim = true
      return []
    }
    claiming = true
    wantsClaim = false
    return [.claim(limit: min(claimBatch, room))]
  }

  /// A claim round trip of at most `limit` ended with `leases` (none when it failed). Each job
  /// gets a runner, unless one of ours still holds it under an older lease (never two runners
  /// for one job: the new lease goes back); a full batch means more may be due.
  public mutating func claimed(_ leases: [Lease], limit: Int) -> [Command] {
    claiming = false
    claimRounds += 1
    if draining {
      return giveBack(leases) + drainCommands()
    }
    var commands: [Command] = []
    var held: [Lease] = []
    for lease in leases {
      if inFlight[lease.jobID] != nil {
        held.append(lease)
      } else {
        inFlight[lease.jobID] = lease
        commands.append(.run(lease))
      }
    }
    commands += giveBack(held)
    if leases.count == limit { wantsClaim = true }
    if wantsClaim { commands += wake() }
    return commands
  }

  /// A runner is done with the job it ran under `lease`.
  public mutating func runnerEnded(_ lease: Lease) -> [Command] {
    if inFlight[lease.jobID] == lease { inFlight[lease.jobID] = nil }
    if draining { return drainCommands() }
    return wantsClaim ? wake() : []
  }

  /// A release round trip ended (whether or not it worked).
  public mutating func released() -> [Command] {
    releasing -= 1
    return drainCommands()
  }

  /// The sweep timer fired: sweep unless one is under way or the loop drains.
  public mutating func sweepDue() -> [Command] {
    guard !sweeping, !draining else { return [] }
    sweeping = true
    return [.sweep]
  }

  /// A prompt sweep ended.
  public mutating func sweepEnded() {
    sweeping = false
  }

  /// SIGTERM, SIGINT or ``VerifierRuntime/stop()``: stop claiming; finish once nothing is in
  /// flight (or the drain deadline passed) and no claim or release is under way. `nil` when the
  /// loop was draining already.
  public mutating func beginDrain() -> [Command]? {
    guard !draining else { return nil }
    draining = true
    return drainCommands()
  }

  /// The drain timeout passed: finish without waiting for runners still going.
  public mutating func drainTimedOut() -> [Command] {
    drainDeadlinePassed = true
    return drainCommands()
  }

  /// The leases to renew: every job in flight.
  public var leasesToRenew: [Lease] { inFlight.values.sorted { $0.jobID < $1.jobID } }

  private mutating func giveBack(_ leases: [Lease]) -> [Command] {
    guard !leases.isEmpty else { return [] }
    releasing += 1
    return [.release(leases)]
  }

  private mutating func drainCommands() -> [Command] {
    guard draining, !finished, !claiming, releasing == 0 else { return [] }
    guard inFlight.isEmpty || drainDeadlinePassed else { return [] }
    finished = true
    let leases = leasesToRenew
    inFlight = [:]
    return [.finish(release: leases)]
  }
}
