import Dispatch

/// What the run loop tells systemd, decided without I/O: whether it is ready, whether the
/// watchdog may be pinged, and the status line.
///
/// The watchdog is pinged only while the loop makes progress: the check itself runs on the loop's
/// queue (a blocked queue never pings), and a database round trip (a claim, a prompt sweep or a
/// group commit of write-backs) outstanding for longer than ``stallLimit`` withholds the ping, so systemd restarts a daemon
/// wedged on a hung connection. An idle loop with nothing outstanding is healthy.
public struct LoopHealth: Sendable, Equatable {
  /// Round trips the loop waits on.
  public enum Operation: String, Sendable, CaseIterable {
    /// Claiming due jobs.
    case claim
    /// Marking and announcing due prompts.
    case sweep
    /// A group commit of job write-backs.
    case write
  }

  /// What to tell systemd after an event.
  public enum Action: Sendable, Equatable {
    /// `READY=1` (once, after the first claim round that worked).
    case ready
    /// `WATCHDOG=1`.
    case ping
    /// Nothing (a stalled round trip withholds the ping; the reason is logged once).
    case withhold(String)
    /// Nothing to say.
    case none
  }

  /// How long a round trip may stay outstanding before the loop counts as wedged.
  public var stallLimit: Duration
  /// Whether `READY=1` was sent.
  public private(set) var isReady = false
  /// Claim rounds that worked.
  public private(set) var claimRounds = 0
  /// Jobs whose runners finished.
  public private(set) var jobsHandled = 0
  /// The last failure, a fixed phrase (never an error's text, which could name a value).
  public private(set) var lastError: String?
  private var outstanding: [Operation: UInt64] = [:]
  private var withheld = false

  /// Creates the health of a loop that has done nothing yet.
  public init(stallLimit: Duration) {
    self.stallLimit = stallLimit
  }

  /// A round trip began at `now` (monotonic nanoseconds).
  public mutating func began(_ operation: Operation, at now: UInt64) {
    outstanding[operation] = now
  }

  /// A round trip ended; `failure` names what failed, if it did. Returns ``Action/ready`` after
  /// the first claim round that worked.
  public mutating func ended(_ operation: Operation, failure: String? = nil) -> Action {
    outstanding[operation] = nil
    if let failure {
      lastError = failure
      return .none
    }
    guard operation == .claim else { return .none }
    claimRounds += 1
    guard !isReady else { return .none }
    isReady = true
    return .ready
  }

  /// A runner finished a job.
  public mutating func jobFinished() {
    jobsHandled += 1
  }

  /// Something failed outside a round trip (a write-back, a lease renewal).
  public mutating func failed(_ what: String) {
    lastError = what
  }

  /// The watchdog tick at `now`: ping, unless a round trip has been outstanding too long (the
  /// reason is returned once per stall, so the log says it once).
  public mutating func watchdogTick(at now: UInt64) -> Action {
    let limit = UInt64(max(0, stallLimit.timeInterval * 1e9))
    let stalled = outstanding.filter { now &- $0.value > limit }.keys.map(\.rawValue).sorted()
    guard stalled.isEmpty else {
      defer { withheld = true }
      return withheld
        ? .none
        : .withhold(stalled.joined(separator: ", ") + " outstanding longer than the stall limit")
    }
    withheld = false
    return .ping
  }

  /// The `STATUS=` line: what the loop is doing, counts only.
  public func status(inFlight: Int, draining: Bool) -> String {
    let phase = draining ? "draining" : (isReady ? "running" : "starting")
    return "\(phase): \(inFlight) in flight, \(jobsHandled) job runs, \(claimRounds) claim rounds; "
      + "last error: \(lastError ?? "none")"
  }
}
