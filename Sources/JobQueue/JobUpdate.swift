import Foundation

/// A write-back for one claimed job, applied only if its lease token still matches.
///
/// Optional fields left `nil` keep the stored value.
public struct JobUpdate: Sendable {
  /// The lease the write-back presents.
  public var lease: Lease
  /// The new state. A terminal state finishes the job (and clears the account number).
  public var state: String
  /// When the job is next due. Ignored when ``keepLease`` is true.
  public var runAt: Date
  /// Keep holding the job (for example: `initiating` written before the call); otherwise the
  /// lease is released and the job is due again at ``runAt``.
  public var keepLease: Bool
  /// The outcome code of a finished job.
  public var outcome: String?
  /// The provider's code.
  public var providerCode: String?
  /// The provider's message.
  public var providerMessage: String?
  /// The provider's account id.
  public var providerAccountID: String?
  /// The initiation attempt id.
  public var attemptID: UUID?
  /// Verify attempts remaining.
  public var attemptsRemaining: Int?
  /// When the current run of retries began; see ``clearRetryStartedAt``.
  public var retryStartedAt: Date?
  /// Clear the retry window (a call succeeded).
  public var clearRetryStartedAt: Bool
  /// Clear the full account number (the initiation is confirmed).
  public var clearAccountNumber: Bool
  /// The daemon's extra state, as JSON text.
  public var data: String?
  /// History to append, written only if the update applies.
  public var events: [JobEvent]

  /// Creates an update.
  public init(
    lease: Lease, state: String, runAt: Date = Date(), keepLease: Bool = false,
    outcome: String? = nil,
    providerCode: String? = nil, providerMessage: String? = nil, providerAccountID: String? = nil,
    attemptID: UUID? = nil, attemptsRemaining: Int? = nil, retryStartedAt: Date? = nil,
    clearRetryStartedAt: Bool = false, clearAccountNumber: Bool = false, data: String? = nil,
    events: [JobEvent] = []
  ) {
    self.lease = lease
    self.state = state
    self.runAt = runAt
    self.keepLease = keepLease
    self.outcome = outcome
    self.providerCode = providerCode
    self.providerMessage = providerMessage
    self.providerAccountID = providerAccountID
    self.attemptID = attemptID
    self.attemptsRemaining = attemptsRemaining
    self.retryStartedAt = retryStartedAt
    self.clearRetryStartedAt = clearRetryStartedAt
    self.clearAccountNumber = clearAccountNumber
    self.data = data
    self.events = events
  }
}
