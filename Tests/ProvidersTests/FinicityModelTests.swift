import Foundation
import Testing

@testable import Providers

@Suite struct FinicityModelTests {
  @Test func missingOrNullAccountsKeyIsAnEmptyList() throws {
    for body in ["{}", #"{"accounts":null}"#, #"{"found":0}"#] {
      let list = try JSONDecoder().decode(FinicityCustomerAccounts.self, from: Data(body.utf8))
      #expect(list.accounts.isEmpty)
    }
    let one = try JSONDecoder().decode(
      FinicityCustomerAccounts.self, from: Data(#"{"accounts":[{"id":5011}]}"#.utf8))
    #expect(one.accounts.map(\.id) == ["5011"])
  }
}
