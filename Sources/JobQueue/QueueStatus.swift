import Foundation

/// A snapshot of the queue for operators: what `verifierd status` prints.
public struct QueueStatus: Sendable, Codable, Equatable {
  /// Jobs in one state for one provider.
  public struct StateCount: Sendable, Codable, Equatable {
    /// `finicity` or `folio`.
    public var provider: String
    /// The state.
    public var state: String
    /// How many jobs.
    public var count: Int

    /// Creates a count.
    public init(provider: String, state: String, count: Int) {
      self.provider = provider
      self.state = state
      self.count = count
    }
  }

  /// Finished jobs with one outcome in the last hour.
  public struct OutcomeCount: Sendable, Codable, Equatable {
    /// The outcome (`verified`, `expired`, ...).
    public var outcome: String
    /// How many jobs.
    public var count: Int

    /// Creates a count.
    public init(outcome: String, count: Int) {
      self.outcome = outcome
      self.count = count
    }
  }

  /// A daemon instance holding leases now.
  public struct LeaseHolder: Sendable, Codable, Equatable {
    /// The instance name.
    public var instance: String
    /// Leases it holds.
    public var leases: Int
    /// Leases of its that have run out (a daemon that died or stalled).
    public var expired: Int

    /// Creates a holder.
    public init(instance: String, leases: Int, expired: Int) {
      self.instance = instance
      self.leases = leases
      self.expired = expired
    }
  }

  /// Live jobs per provider and state.
  public var states: [StateCount]
  /// Jobs due now.
  public var dueNow: Int
  /// How long the oldest due job has waited past its run time, in seconds (0 when none is due).
  public var oldestDueLagSeconds: Double
  /// Outcomes of the jobs finished in the last hour.
  public var outcomesLastHour: [OutcomeCount]
  /// Daemons holding leases.
  public var leaseHolders: [LeaseHolder]
  /// Each provider's fleet rate limit (providers whose limit was never leased have no row).
  public var rateLimits: [RateLimitStatus] = []

  /// Creates a snapshot.
  public init(
    states: [StateCount], dueNow: Int, oldestDueLagSeconds: Double,
    outcomesLastHour: [OutcomeCount], leaseHolders: [LeaseHolder],
    rateLimits: [RateLimitStatus] = []
  ) {
    self.states = states
    self.dueNow = dueNow
    self.oldestDueLagSeconds = oldestDueLagSeconds
    self.outcomesLastHour = outcomesLastHour
    self.leaseHolders = leaseHolders
    self.rateLimits = rateLimits
  }
}
