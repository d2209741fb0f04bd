import Foundation

/// A webhook delivery claimed from `verifier.outbox` under a lease: one event for one endpoint.
public struct OutboxDelivery: Sendable, Hashable {
  /// The outbox row.
  public var id: Int64
  /// The lease token the completion presents.
  public var token: UUID
  /// The endpoint's name.
  public var endpoint: String
  /// The event's id (the same for every endpoint and every attempt).
  public var eventID: UUID
  /// The job the event is about.
  public var jobID: Int64
  /// The event's type (`verification.finished`, ...).
  public var type: String
  /// The attempts so far, this one included.
  public var attempts: Int
  /// How old the event was when claimed, by the database's clock.
  public var age: Duration
  /// The JSON to POST: built by the database from the row, the same on every attempt.
  public var body: String

  /// Creates a delivery (tests; the store reads claimed rows).
  public init(
    id: Int64, token: UUID, endpoint: String, eventID: UUID, jobID: Int64, type: String,
    attempts: Int, age: Duration, body: String
  ) {
    self.id = id
    self.token = token
    self.endpoint = endpoint
    self.eventID = eventID
    self.jobID = jobID
    self.type = type
    self.attempts = attempts
    self.age = age
    self.body = body
  }

  init(row: PGRow) throws {
    id = try row.decode("id")
    token = try row.decode("lease_token")
    endpoint = try row.decode("endpoint")
    eventID = try row.decode("event_id")
    jobID = try row.decode("job_id")
    type = try row.decode("type")
    attempts = try row.decode("attempts")
    age = .milliseconds(Int64(try row.decode("age_ms", as: Double.self)))
    body = try row.decode("body")
  }
}

/// What became of one delivery attempt, to write back.
public struct OutboxCompletion: Sendable, Hashable {
  /// Where the delivery stands afterwards.
  public enum Status: String, Sendable, Hashable {
    /// Acknowledged by a 2xx.
    case delivered
    /// To be tried again after ``OutboxCompletion/retryAfter``.
    case pending
    /// Given up: a permanent refusal, or the retry window passed.
    case dead
  }

  /// The delivery.
  public var delivery: OutboxDelivery
  /// Where it stands.
  public var status: Status
  /// For ``Status/pending``: how long until the next attempt.
  public var retryAfter: Duration
  /// The receiver's HTTP status, when it answered.
  public var httpStatus: Int?
  /// What went wrong, when something did (never a URL, a secret or a body).
  public var error: String?

  /// Creates a completion.
  public init(
    delivery: OutboxDelivery, status: Status, retryAfter: Duration = .zero,
    httpStatus: Int? = nil, error: String? = nil
  ) {
    self.delivery = delivery
    self.status = status
    self.retryAfter = retryAfter
    self.httpStatus = httpStatus
    self.error = error.map { String($0.prefix(300)) }
  }
}
