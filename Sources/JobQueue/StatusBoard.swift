import Foundation

/// What the status page shows (docs/status-page.md), read by ``JobAdmin/statusBoard(period:)``:
/// the queue now, the last day by hour, the webhook backlog and what needs an operator. It holds
/// no account number, amount or secret: identifiers are job ids, rules, endpoints and states.
public struct StatusBoard: Sendable, Equatable {
  /// Jobs due for longer than this are overdue: no daemon is keeping up with them.
  public static let overdueAfter: Duration = .seconds(60)
  /// The most alerts of one kind the board holds; the rest are counted.
  public static let alertLimit = 50

  /// When the board was read (the database's clock).
  public var readAt: Date
  /// The start of the period the funnel, the hours and the alerts cover.
  public var since: Date
  /// Jobs per state and provider, due now, the oldest lag, leases, the fleet rate limits.
  public var queue: QueueStatus
  /// Live jobs due for longer than ``overdueAfter``.
  public var overdue: Int
  /// The period's jobs, enqueued to verified.
  public var funnel: Funnel
  /// The period by hour, oldest first, every hour present.
  public var hours: [Hour]
  /// Each webhook endpoint's deliveries.
  public var webhooks: [OutboxAdmin.EndpointStatus]
  /// What needs an operator, newest first within each kind.
  public var alerts: [Alert]
  /// Alerts of each kind beyond ``alertLimit`` that were left off.
  public var alertsLeftOff: [Alert.Kind: Int]

  /// Creates a board.
  public init(
    readAt: Date, since: Date, queue: QueueStatus, overdue: Int, funnel: Funnel, hours: [Hour],
    webhooks: [OutboxAdmin.EndpointStatus], alerts: [Alert], alertsLeftOff: [Alert.Kind: Int]
  ) {
    self.readAt = readAt
    self.since = since
    self.queue = queue
    self.overdue = overdue
    self.funnel = funnel
    self.hours = hours
    self.webhooks = webhooks
    self.alerts = alerts
    self.alertsLeftOff = alertsLeftOff
  }

  /// One hour of the period.
  public struct Hour: Sendable, Equatable {
    /// The hour's start.
    public var start: Date
    /// Jobs enqueued.
    public var enqueued: Int = 0
    /// Jobs finished, per outcome.
    public var outcomes: [String: Int] = [:]
    /// Provider calls that returned.
    public var calls: Int = 0
    /// Of those, answered 429 or a throttle code.
    public var throttled: Int = 0
    /// Of those, failed otherwise (server errors, timeouts, connection failures, permanent
    /// failures).
    public var errors: Int = 0

    /// Creates an empty hour.
    public init(start: Date) {
      self.start = start
    }
  }

  /// Something an operator should look at, with the job it concerns.
  public struct Alert: Sendable, Equatable {
    /// What kind of alert.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
      /// A daemon could not go on with a job (it is parked) or needs a person (for example
      /// credentials refused): an `alert` event.
      case parked
      /// A fraud rule holds the job until an operator releases or cancels it.
      case held
      /// A webhook delivery was given up on.
      case deadWebhook = "dead_webhook"
      /// A fraud rule was broken (whatever it then did).
      case policyHit = "policy_hit"

      /// Orders kinds as the page lists them.
      public static func < (lhs: Kind, rhs: Kind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
      }
    }

    /// The kind.
    public var kind: Kind
    /// The job.
    public var jobID: Int64
    /// When it happened (the event, the hold, the delivery's event).
    public var at: Date
    /// What it names: the rule, the endpoint, the code.
    public var subject: String
    /// What it says: the event's message, the delivery's last error.
    public var detail: String
    /// Whether the job is still live.
    public var live: Bool

    /// Creates an alert.
    public init(
      kind: Kind, jobID: Int64, at: Date, subject: String, detail: String, live: Bool
    ) {
      self.kind = kind
      self.jobID = jobID
      self.at = at
      self.subject = subject
      self.detail = detail
      self.live = live
    }
  }
}
