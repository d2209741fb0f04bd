import Foundation
import Testing
import Verification

@testable import Providers

/// No value holding a secret, a full account number or amounts shows them when printed, debug
/// printed or dumped (`description`, `String(reflecting:)`, `dump`).
@Suite struct RedactionTests {
  /// Every way a value may reach a log line.
  func renderings(_ value: Any) -> [String] {
    var dumped = ""
    dump(value, to: &dumped)
    return ["\(value)", String(reflecting: value), dumped]
  }

  func expectHidden(
    _ value: Any, _ hidden: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for text in renderings(value) {
      for needle in hidden {
        #expect(
          !text.contains(needle), "\(needle) shown in \(text)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func descriptionsNeverShowAmountsSecretsOrAccountNumbers() throws {
    let pair = try #require(AmountPair(cents: 37, 81))
    expectHidden(pair, ["37", "81"])
    expectHidden(pair.first, ["37"])
    expectHidden(Secret("hunter2"), ["hunter2"])
    let request = InitiationRequest(
      customerID: "1", routingNumber: "021000021", accountNumber: AccountNumber("9876543210"),
      accountType: .personalSavings, receiverName: "A", attemptID: AttemptID(rawValue: "a"))
    expectHidden(request, ["987654"])
    expectHidden(FinicityWire.Initiation(request), ["987654"])
  }

  @Test func configurationsAndTokensNeverShowSecrets() throws {
    let configuration = FinicityConfiguration(
      partnerId: "p", partnerSecret: "partner-hunter2", appKey: "app-hunter2")
    expectHidden(configuration, ["hunter2"])
    expectHidden(
      FinicityTokenFetcher.Credentials(partnerId: "p", partnerSecret: "partner-hunter2"),
      ["hunter2"])
    expectHidden(FinicityTokenStore.Result.token(Secret("token-hunter2")), ["hunter2"])
    let token = try JSONDecoder().decode(
      FinicityAccessToken.self, from: Data(#"{"token":"token-hunter2"}"#.utf8))
    expectHidden(token, ["hunter2"])
    expectHidden(FolioSigner(apiKey: "k", sharedSecret: "folio-hunter2"), ["hunter2"])
  }

  @Test func requestsAndResponsesNeverShowHeaderValuesOrBodies() {
    let request = OutgoingRequest(
      method: "POST", url: "https://api.finicity.com/microentry/v1/customers/1",
      headers: [("Finicity-App-Key", "app-hunter2"), ("Finicity-App-Token", "token-hunter2")],
      body: Array(#"{"receiver":{"accountNumber":"9876543210"},"amounts":[0.37,0.81]}"#.utf8))
    expectHidden(request, ["hunter2", "987654", "0.37"])
    let response = RawResponse(
      status: 200, headers: [("Set-Cookie", "session-hunter2")],
      body: Array(#"{"token":"token-hunter2"}"#.utf8))
    expectHidden(response, ["hunter2"])
  }

  @Test func folioAmountsAndFinicityAccountNumbersAreHidden() throws {
    let folio = FolioWire.VerifyBody(
      bankLinkOid: "42", md1: "0.37000", md2: "0.81000", op: "verify_md", ownerLoginId: "u")
    expectHidden(folio, ["0.37", "0.81"])
    let account = try JSONDecoder().decode(
      FinicityWire.Account.self,
      from: Data(#"{"id":"5011","number":"9876543210","accountNumberDisplay":"3210"}"#.utf8))
    expectHidden(account, ["987654"])
    expectHidden(account.domain, ["987654"])
    #expect("\(account)".contains("3210"))
  }
}
