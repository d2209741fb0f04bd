import Verification

/// Finicity's JSON bodies, read leniently (ids as strings or numbers, missing fields as `nil`) and
/// turned into the domain's values at once: nothing outside this module sees them.
enum FinicityWire {
  /// The initiate body (`MicroDepositInitiation`); it holds the full account number, so it never
  /// prints.
  struct Initiation: Encodable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    struct Receiver: Encodable {
      var routingNumber: String
      var accountNumber: String
      var accountType: String
      var name: String
    }

    var receiver: Receiver

    init(_ request: InitiationRequest) {
      receiver = Receiver(
        routingNumber: request.routingNumber, accountNumber: request.accountNumber.revealed,
        accountType: request.accountType.rawValue, name: request.receiverName)
    }

    var description: String { "FinicityWire.Initiation(<redacted>)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: [:]) }
  }

  /// The answer to initiate (`InitiatedMicroDeposit`); `accountId` is required to count as
  /// success.
  /// Only the field the daemon uses is read, so an unexpected type in another cannot turn a
  /// success into "result unknown".
  struct Initiated: Decodable, Sendable, Hashable {
    var accountId: String

    enum CodingKeys: String, CodingKey { case accountId }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      accountId = try c.decode(FlexibleText.self, forKey: .accountId).text
    }

    var domain: InitiatedAccount { InitiatedAccount(accountID: accountId) }
  }

  /// The answer to details (`MicroDepositDetails`); every field may be missing or null.
  struct Details: Decodable, Sendable, Hashable {
    var status: String?
    var statusDescription: String?
    var routingNumber: String?
    var accountNumberLast4: String?

    /// A status this build does not know reads as `nil` (the machine keeps polling).
    var domain: MicroEntryDetails {
      MicroEntryDetails(
        status: status.flatMap(MicroEntryStatus.init(rawValue:)),
        statusDescription: statusDescription, routingNumber: routingNumber,
        accountNumberLast4: accountNumberLast4)
    }
  }

  /// The AVA account list; a missing `accounts` key means no accounts (the spec does not require
  /// it).
  struct Accounts: Decodable, Sendable, Hashable {
    var accounts: [Account]

    enum CodingKeys: String, CodingKey { case accounts }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      accounts = try c.decodeIfPresent([Account].self, forKey: .accounts) ?? []
    }
  }

  /// One listed account; `number` may be the full account number.
  struct Account: Decodable, Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    var id: String
    var number: String?
    var realAccountNumberLast4: String?
    var accountNumberDisplay: String?

    enum CodingKeys: String, CodingKey {
      case id, number, realAccountNumberLast4, accountNumberDisplay
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = try c.decode(FlexibleText.self, forKey: .id).text
      number = try c.decodeIfPresent(String.self, forKey: .number)
      realAccountNumberLast4 = try c.decodeIfPresent(String.self, forKey: .realAccountNumberLast4)
      accountNumberDisplay = try c.decodeIfPresent(String.self, forKey: .accountNumberDisplay)
    }

    var domain: CustomerAccount {
      CustomerAccount(
        id: id, number: number, realAccountNumberLast4: realAccountNumberLast4,
        accountNumberDisplay: accountNumberDisplay)
    }

    var description: String { domain.description }
    var customMirror: Mirror { domain.customMirror }
  }

  /// The answer to verify (`VerifiedMicroDeposit`).
  struct Verified: Decodable, Sendable, Hashable {
    var status: String?

    var domain: VerifyAnswer { VerifyAnswer(finicityStatus: status) }
  }
}
