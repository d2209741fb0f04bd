/// The provider calls the sandbox serves, found by method and exact, decoded path segments.
enum SandboxEndpoint: Sendable, Equatable {
  /// Finicity `POST /aggregation/v2/partners/authentication`.
  case token
  /// Finicity `POST /microentry/v1/customers/{customerId}`.
  case initiate(customerId: String)
  /// Finicity `GET /microentry/v1/customers/{customerId}/accounts/{accountId}`.
  case details(customerId: String, accountId: String)
  /// Finicity `POST /microentry/v1/customers/{customerId}/accounts/{accountId}/amounts`.
  case verify(customerId: String, accountId: String)
  /// Finicity `GET /aggregation/v1/customers/{customerId}/accounts`.
  case customerAccounts(customerId: String)
  /// Folio `PUT /restapi/accounts/{accountNumber}/verify/microdeposits/{bankLinkOid}`.
  case folioVerify(accountNumber: String, bankLinkOid: String)
  /// Folio `GET /restapi/accounts/{accountNumber}/achbanklinks/{bankLinkOid}`.
  case folioBankLink(accountNumber: String, bankLinkOid: String)

  /// The endpoint `method` and `segments` name; `nil` for any other method or path (a 404).
  init?(method: String, segments s: [String]) {
    switch (method, s.count) {
    case ("POST", 4) where s == ["aggregation", "v2", "partners", "authentication"]:
      self = .token
    case ("POST", 4) where s[0] == "microentry" && s[1] == "v1" && s[2] == "customers":
      self = .initiate(customerId: s[3])
    case ("GET", 6)
    where s[0] == "microentry" && s[1] == "v1" && s[2] == "customers" && s[4] == "accounts":
      self = .details(customerId: s[3], accountId: s[5])
    case ("POST", 7)
    where s[0] == "microentry" && s[1] == "v1" && s[2] == "customers" && s[4] == "accounts"
      && s[6] == "amounts":
      self = .verify(customerId: s[3], accountId: s[5])
    case ("GET", 5)
    where s[0] == "aggregation" && s[1] == "v1" && s[2] == "customers" && s[4] == "accounts":
      self = .customerAccounts(customerId: s[3])
    case ("PUT", 6)
    where s[0] == "restapi" && s[1] == "accounts" && s[3] == "verify" && s[4] == "microdeposits":
      self = .folioVerify(accountNumber: s[2], bankLinkOid: s[5])
    case ("GET", 5) where s[0] == "restapi" && s[1] == "accounts" && s[3] == "achbanklinks":
      self = .folioBankLink(accountNumber: s[2], bankLinkOid: s[4])
    default:
      return nil
    }
  }
}
