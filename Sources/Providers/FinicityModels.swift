/// Finicity's receiver account types (`checking` and `savings` are being retired and not offered).
public enum FinicityAccountType: String, Sendable, Hashable, Codable, CaseIterable {
  case personalChecking, businessChecking, personalSavings, businessSavings
}

/// The account that receives the micro entries.
public struct MicroEntryReceiver: Sendable, Hashable, Encodable, CustomStringConvertible {
  /// Nine-digit ABA routing number.
  public var routingNumber: String
  /// Full account number; never printed.
  public var accountNumber: String
  /// Account type.
  public var accountType: FinicityAccountType
  /// Name of the account holder.
  public var name: String
  /// Optional transaction memo.
  public var memo: String?

  /// Creates a receiver.
  public init(
    routingNumber: String, accountNumber: String, accountType: FinicityAccountType, name: String,
    memo: String? = nil
  ) {
    self.routingNumber = routingNumber
    self.accountNumber = accountNumber
    self.accountType = accountType
    self.name = name
    self.memo = memo
  }

  /// The last four digits of the account number (what may be logged).
  public var accountNumberLast4: String { String(accountNumber.suffix(4)) }

  public var description: String {
    "Receiver(routing \(routingNumber), account …\(accountNumberLast4))"
  }
}

/// Body of the initiate call (`MicroDepositInitiation`).
public struct MicroEntryInitiation: Sendable, Hashable, Encodable {
  /// The receiving account.
  public var receiver: MicroEntryReceiver
  /// Optional institution login id.
  public var institutionLoginId: String?
  /// Optional callback URL.
  public var callbackUrl: String?

  /// Creates an initiation.
  public init(
    receiver: MicroEntryReceiver, institutionLoginId: String? = nil, callbackUrl: String? = nil
  ) {
    self.receiver = receiver
    self.institutionLoginId = institutionLoginId
    self.callbackUrl = callbackUrl
  }
}

/// The answer to initiate (`InitiatedMicroDeposit`); `accountId` is required to count as success.
public struct InitiatedMicroEntries: Sendable, Hashable, Decodable {
  /// The account id Finicity made.
  public var accountId: String
  /// `Pending` normally.
  public var status: String?
  /// Number of entries, 2.
  public var depositCount: Int?
  /// Human text.
  public var statusDescription: String?
  /// `ach` or `rtp`.
  public var railType: String?

  enum CodingKeys: String, CodingKey {
    case accountId, status, depositCount, statusDescription, railType
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    accountId = try c.decode(FlexibleText.self, forKey: .accountId).text
    status = try c.decodeIfPresent(String.self, forKey: .status)
    depositCount = try c.decodeIfPresent(Int.self, forKey: .depositCount)
    statusDescription = try c.decodeIfPresent(String.self, forKey: .statusDescription)
    railType = try c.decodeIfPresent(String.self, forKey: .railType)
  }
}

/// The status of micro entries.
public enum MicroEntryStatus: Sendable, Hashable {
  case pending, completed, verified, rejected, returned, failed, expired
  /// A status this client does not know, kept verbatim.
  case unknown(String)

  /// Reads Finicity's status text.
  public init(_ text: String) {
    switch text {
    case "Pending": self = .pending
    case "Completed": self = .completed
    case "Verified": self = .verified
    case "Rejected": self = .rejected
    case "Returned": self = .returned
    case "Failed": self = .failed
    case "Expired": self = .expired
    default: self = .unknown(text)
    }
  }
}

/// The answer to details (`MicroDepositDetails`); every field may be missing or null.
public struct MicroEntryDetails: Sendable, Hashable, Decodable {
  /// The status, when given.
  public var status: MicroEntryStatus?
  /// Human text.
  public var statusDescription: String?
  /// Creation time as sent (`2022-04-12T11:51:23`, no zone).
  public var creationDate: String?
  /// Routing number.
  public var routingNumber: String?
  /// Last four digits of the account number.
  public var accountNumberLast4: String?
  /// Set when verified automatically through aggregation.
  public var autoVerifiedAccount: Int64?
  /// `ach` or `rtp`.
  public var railType: String?

  enum CodingKeys: String, CodingKey {
    case status, statusDescription, creationDate, routingNumber, accountNumberLast4,
      autoVerifiedAccount, railType
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    status = try c.decodeIfPresent(String.self, forKey: .status).map(MicroEntryStatus.init)
    statusDescription = try c.decodeIfPresent(String.self, forKey: .statusDescription)
    creationDate = try c.decodeIfPresent(String.self, forKey: .creationDate)
    routingNumber = try c.decodeIfPresent(String.self, forKey: .routingNumber)
    accountNumberLast4 = try c.decodeIfPresent(String.self, forKey: .accountNumberLast4)
    autoVerifiedAccount = try c.decodeIfPresent(Int64.self, forKey: .autoVerifiedAccount)
    railType = try c.decodeIfPresent(String.self, forKey: .railType)
  }
}

/// The answer to verify (`VerifiedMicroDeposit`).
public struct MicroEntryVerification: Sendable, Hashable, Decodable {
  /// `Verified`.
  public var status: String?
  /// Human text.
  public var statusDescription: String?
}

/// One account from the customer's AVA account list (the fields reconciliation needs).
public struct FinicityCustomerAccount: Sendable, Hashable, Decodable {
  /// The account id (the one initiate returned).
  public var id: String
  /// Masked account number, when given.
  public var number: String?
  /// Last four digits, when given.
  public var realAccountNumberLast4: String?
  /// Display form of the account number.
  public var accountNumberDisplay: String?
  /// Account name.
  public var name: String?
  /// Aggregation status.
  public var status: String?
  /// Creation time, Unix seconds.
  public var createdDate: Int64?

  enum CodingKeys: String, CodingKey {
    case id, number, realAccountNumberLast4, accountNumberDisplay, name, status, createdDate
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(FlexibleText.self, forKey: .id).text
    number = try c.decodeIfPresent(String.self, forKey: .number)
    realAccountNumberLast4 = try c.decodeIfPresent(String.self, forKey: .realAccountNumberLast4)
    accountNumberDisplay = try c.decodeIfPresent(String.self, forKey: .accountNumberDisplay)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    status = try c.decodeIfPresent(String.self, forKey: .status)
    createdDate = try c.decodeIfPresent(Int64.self, forKey: .createdDate)
  }

  /// Whether this account ends in the given last four digits (reconciliation).
  public func matches(last4: String) -> Bool {
    realAccountNumberLast4 == last4 || accountNumberDisplay?.hasSuffix(last4) == true
      || number?.hasSuffix(last4) == true
  }
}

struct FinicityCustomerAccounts: Decodable {
  var accounts: [FinicityCustomerAccount]
}

struct FinicityAccessToken: Decodable {
  var token: String
}

/// A JSON value that may be a string or a number, read as text (Finicity's `code`, ids).
struct FlexibleText: Decodable, Hashable {
  var text: String

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) {
      text = s
    } else if let i = try? c.decode(Int64.self) {
      text = String(i)
    } else {
      let d = try c.decode(Double.self)
      text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
  }
}
