import Foundation
import Testing
import Verification

@testable import Providers

@Suite struct FinicityModelTests {
  @Test func missingOrNullAccountsKeyIsAnEmptyList() throws {
    for body in ["{}", #"{"accounts":null}"#, #"{"found":0}"#] {
      let list = try JSONDecoder().decode(FinicityWire.Accounts.self, from: Data(body.utf8))
      #expect(list.accounts.isEmpty)
    }
    let one = try JSONDecoder().decode(
      FinicityWire.Accounts.self, from: Data(#"{"accounts":[{"id":5011}]}"#.utf8))
    #expect(one.accounts.map(\.id) == ["5011"])
  }

  @Test func bodiesReadLenientlyIntoTheDomain() throws {
    let initiated = try JSONDecoder().decode(
      FinicityWire.Initiated.self, from: Data(#"{"accountId":5011,"depositCount":2}"#.utf8))
    #expect(initiated.domain == InitiatedAccount(accountID: "5011"))
    let details = try JSONDecoder().decode(
      FinicityWire.Details.self,
      from: Data(#"{"status":"Settled-someday","routingNumber":"021000021"}"#.utf8))
    #expect(details.domain.status == nil, "an unknown status reads as none")
    #expect(details.domain.routingNumber == "021000021")
    let verified = try JSONDecoder().decode(
      FinicityWire.Verified.self, from: Data(#"{"status":"Verified"}"#.utf8))
    #expect(verified.domain.verified)
  }
}
