/// The state machine's extra bookkeeping, stored in the job's `data` jsonb column.
///
/// Decoding tolerates missing keys (the column defaults to `{}`). Never holds amounts or account
/// numbers.
public struct JobData: Sendable, Hashable, Codable {
  /// Retries in the current streak (reset by any successful call).
  public var retryCount: Int
  /// Details reads so far (drives ``PollSchedule``).
  public var pollCount: Int
  /// When the next details read is due (Finicity, awaiting amounts).
  public var nextPollAt: Timestamp?
  /// When the current initiation attempt was committed.
  public var attemptStartedAt: Timestamp?
  /// How many initiate calls this job made.
  public var initiations: Int
  /// The provider said the account exists (3100001): never initiate again, only find it.
  public var accountMayExist: Bool
  /// When the job entered `awaiting_amounts` (first time).
  public var awaitingSince: Timestamp?
  /// The local expiry.
  public var expiresAt: Timestamp?
  /// The submission sent (or being reconciled) while `verifying`.
  public var inFlightSubmissionID: Int64?
  /// When the current verify was committed (its result is not reconciled before the settle delay).
  public var verifyStartedAt: Timestamp?

  /// Creates empty bookkeeping.
  public init(
    retryCount: Int = 0, pollCount: Int = 0, nextPollAt: Timestamp? = nil,
    attemptStartedAt: Timestamp? = nil, initiations: Int = 0, accountMayExist: Bool = false,
    awaitingSince: Timestamp? = nil, expiresAt: Timestamp? = nil,
    inFlightSubmissionID: Int64? = nil, verifyStartedAt: Timestamp? = nil
  ) {
    self.retryCount = retryCount
    self.pollCount = pollCount
    self.nextPollAt = nextPollAt
    self.attemptStartedAt = attemptStartedAt
    self.initiations = initiations
    self.accountMayExist = accountMayExist
    self.awaitingSince = awaitingSince
    self.expiresAt = expiresAt
    self.inFlightSubmissionID = inFlightSubmissionID
    self.verifyStartedAt = verifyStartedAt
  }

  private enum CodingKeys: String, CodingKey {
    case retryCount, pollCount, nextPollAt, attemptStartedAt, initiations, accountMayExist
    case awaitingSince, expiresAt, inFlightSubmissionID, verifyStartedAt
  }

  /// Decodes, defaulting every missing key.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    retryCount = try c.decodeIfPresent(Int.self, forKey: .retryCount) ?? 0
    pollCount = try c.decodeIfPresent(Int.self, forKey: .pollCount) ?? 0
    nextPollAt = try c.decodeIfPresent(Timestamp.self, forKey: .nextPollAt)
    attemptStartedAt = try c.decodeIfPresent(Timestamp.self, forKey: .attemptStartedAt)
    initiations = try c.decodeIfPresent(Int.self, forKey: .initiations) ?? 0
    accountMayExist = try c.decodeIfPresent(Bool.self, forKey: .accountMayExist) ?? false
    awaitingSince = try c.decodeIfPresent(Timestamp.self, forKey: .awaitingSince)
    expiresAt = try c.decodeIfPresent(Timestamp.self, forKey: .expiresAt)
    inFlightSubmissionID = try c.decodeIfPresent(Int64.self, forKey: .inFlightSubmissionID)
    verifyStartedAt = try c.decodeIfPresent(Timestamp.self, forKey: .verifyStartedAt)
  }
}
