import Foundation

/// One job and its history, as an operator sees it: never the full account number.
public struct JobDetail: Sendable, Codable, Equatable {
  /// The job id.
  public var id: Int64
  /// `finicity` or `folio`.
  public var provider: String
  /// The state.
  public var state: String
  /// The application's reference.
  public var externalRef: String?
  /// Finicity customer id.
  public var customerID: String?
  /// Last four digits of the account number.
  public var accountLast4: String?
  /// Folio bank link.
  public var bankLinkOID: String?
  /// The provider's account id.
  public var providerAccountID: String?
  /// Verify attempts remaining.
  public var attemptsRemaining: Int?
  /// The outcome, once finished.
  public var outcome: String?
  /// The provider's code.
  public var providerCode: String?
  /// The provider's message.
  public var providerMessage: String?
  /// When the job is next due.
  public var runAt: Date
  /// The daemon holding it, if any.
  public var leaseOwner: String?
  /// When that lease runs out.
  public var leaseExpiresAt: Date?
  /// When it was inserted.
  public var createdAt: Date
  /// When it finished.
  public var finishedAt: Date?
  /// Its history, oldest first.
  public var events: [HistoryEntry]
  /// The fraud rule that held or refused it (docs/fraud.md).
  public var policyRule: String? = nil

  /// Creates a job's detail.
  public init(
    id: Int64, provider: String, state: String, externalRef: String?, customerID: String?,
    accountLast4: String?, bankLinkOID: String?, providerAccountID: String?,
    attemptsRemaining: Int?, outcome: String?, providerCode: String?, providerMessage: String?,
    runAt: Date, leaseOwner: String?, leaseExpiresAt: Date?, createdAt: Date, finishedAt: Date?,
    events: [HistoryEntry], policyRule: String? = nil
  ) {
    self.id = id
    self.provider = provider
    self.state = state
    self.externalRef = externalRef
    self.customerID = customerID
    self.accountLast4 = accountLast4
    self.bankLinkOID = bankLinkOID
    self.providerAccountID = providerAccountID
    self.attemptsRemaining = attemptsRemaining
    self.outcome = outcome
    self.providerCode = providerCode
    self.providerMessage = providerMessage
    self.runAt = runAt
    self.leaseOwner = leaseOwner
    self.leaseExpiresAt = leaseExpiresAt
    self.createdAt = createdAt
    self.finishedAt = finishedAt
    self.events = events
    self.policyRule = policyRule
  }
}
