/// The AVA account list; a missing `accounts` key means no accounts (the spec does not require it).
struct FinicityCustomerAccounts: Decodable {
  var accounts: [FinicityCustomerAccount]

  enum CodingKeys: String, CodingKey { case accounts }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    accounts = try c.decodeIfPresent([FinicityCustomerAccount].self, forKey: .accounts) ?? []
  }
}
