import Testing

@testable import Verification

@Suite("Reconciling an initiation: the account search")
struct AccountSearchTests {
  static let mine = CustomerAccount(id: "a-1", realAccountNumberLast4: Fixture.last4)
  static let other = CustomerAccount(id: "a-2", realAccountNumberLast4: "0000")
  static let display = CustomerAccount(id: "a-3", accountNumberDisplay: "xxxx\(Fixture.last4)")

  @Test("lists, reads the details of each account ending in the last four, then reports them")
  func findsCandidates() {
    var search = AccountSearch(customerID: Fixture.customer, accountLast4: Fixture.last4)
    #expect(search.start == .listAccounts(customerID: Fixture.customer))
    var step = search.listed(.success([Self.mine, Self.other, Self.display]))
    #expect(step == .readDetails(customerID: Fixture.customer, accountID: "a-1"))
    step = search.detailsRead(
      .success(MicroEntryDetails(status: .pending, routingNumber: Fixture.routing)))
    #expect(step == .readDetails(customerID: Fixture.customer, accountID: "a-3"))
    step = search.detailsRead(
      .success(
        MicroEntryDetails(status: .pending, routingNumber: "011000015", accountNumberLast4: "6789"))
    )
    #expect(
      step
        == .finished(
          .success([
            AVAAccount(
              accountID: "a-1", routingNumber: Fixture.routing, accountNumberLast4: "6789"),
            AVAAccount(accountID: "a-3", routingNumber: "011000015", accountNumberLast4: "6789"),
          ])))
  }

  @Test("an account whose details are refused is not ours; other failures end the search")
  func failures() {
    var search = AccountSearch(customerID: Fixture.customer, accountLast4: Fixture.last4)
    _ = search.listed(.success([Self.mine, Self.display]))
    let skipped = search.detailsRead(.permanentFailure(CallFailure(kind: .invalidRequest)))
    #expect(skipped == .readDetails(customerID: Fixture.customer, accountID: "a-3"))
    let ended = search.detailsRead(.retryLater(after: .seconds(3), reason: .timeout))
    #expect(ended == .finished(.retryLater(after: .seconds(3), reason: .timeout)))
    var failedList = AccountSearch(customerID: Fixture.customer, accountLast4: Fixture.last4)
    #expect(
      failedList.listed(.retryLater(after: nil, reason: .rateLimited))
        == .finished(.retryLater(after: nil, reason: .rateLimited)))
  }

  @Test("no account ending in the last four: finished with nothing found, no details read")
  func nothing() {
    var search = AccountSearch(customerID: Fixture.customer, accountLast4: Fixture.last4)
    #expect(search.listed(.success([Self.other])) == .finished(.success([])))
  }

  @Test("the machine's reconciliation call is this search, for the job's customer and digits")
  func machineUsesSearch() {
    let decision = Fixture.decide(Fixture.finicity(.initiating), .due(submissions: []), at: 100)
    #expect(decision.call == Fixture.findAccount)
    #expect(decision.callDeadline == nil)
  }
}
