import Testing

@testable import Verification

@Suite("Whole flows, event by event")
struct FlowTests {
  let completed = MicroEntryDetails(status: .completed)

  @Test("Finicity: initiate, poll, prompts, a wrong guess, then verified")
  func finicityHappyPath() throws {
    var flow = FlowDriver(Fixture.finicity())
    #expect(
      flow.on(.due(submissions: []), at: 0).calls == [
        Fixture.initiate(AttemptID(rawValue: "attempt-1"))
      ])
    flow.on(.initiated(.success(InitiatedAccount(accountID: "acct-7"))))
    #expect(flow.job.state == .pending)
    #expect(!flow.job.hasAccountNumber)
    #expect(flow.on(.due(submissions: []), at: 10).calls == [Fixture.details("acct-7")])
    flow.on(.detailsRead(.success(MicroEntryDetails(status: .pending))))
    flow.on(.due(submissions: []), at: 30)
    let settled = flow.on(.detailsRead(.success(completed)))
    #expect(settled.prompts.first?.kind == .first)
    let first = flow.on(.due(submissions: [Fixture.submission(1, "0.01", "0.03", at: 40)]), at: 40)
    #expect(first.job.state == .verifying)
    let wrong = flow.on(.verifyAnswered(.wrongAmounts(attemptsRemaining: nil)))
    #expect(
      wrong.prompts.first == PromptPlan(kind: .retry, dueAt: Fixture.at(40), attemptsRemaining: 2))
    flow.on(.due(submissions: [Fixture.submission(2, "0.01", "0.02", at: 60)]), at: 60)
    let done = flow.on(.verifyAnswered(.success(VerifyAnswer(verified: true))))
    done.expectFinished(.verified)
    #expect(flow.initiateCalls.count == 1)
    #expect(flow.verifyCalls == [1, 2])
    #expect(
      flow.statePath == [
        .initiating, .pending, .awaitingAmounts, .verifying, .awaitingAmounts, .verifying,
        .verified,
      ])
  }

  @Test("Finicity: a crash after the initiate call is reconciled by adopting the account")
  func crashAfterInitiate() {
    var flow = FlowDriver(Fixture.finicity())
    flow.on(.due(submissions: []), at: 0)
    // The daemon died: the result is lost; the job holds `initiating` and comes back when due.
    #expect(flow.on(.due(submissions: []), at: 90).calls == [Fixture.findAccount])
    let mine = AVAAccount(
      accountID: "acct-3", routingNumber: Fixture.routing, accountNumberLast4: Fixture.last4)
    #expect(flow.on(.accountsListed(.success([mine]))).calls == [Fixture.details("acct-3")])
    flow.on(.detailsRead(.success(completed)))
    #expect(flow.job.state == .awaitingAmounts)
    #expect(flow.initiateCalls.count == 1)
  }

  @Test("Finicity: a timeout before anything was created initiates again with a new attempt id")
  func timeoutNothingCreated() {
    var flow = FlowDriver(Fixture.finicity())
    flow.on(.due(submissions: []), at: 0)
    flow.on(.initiated(.retryLater(after: nil, reason: .timeout)))
    #expect(flow.on(.due(submissions: []), at: 5).calls == [Fixture.findAccount])
    flow.on(.accountsListed(.success([])))
    flow.on(.initiated(.success(InitiatedAccount(accountID: "acct-4"))))
    #expect(flow.job.state == .pending)
    #expect(flow.initiateCalls.count == 2)
    #expect(Set(flow.initiateCalls).count == 2)
    #expect(flow.job.retryStartedAt == nil)
  }

  @Test("Finicity: 3100001 finds the account and never initiates again")
  func alreadyExists() {
    var flow = FlowDriver(Fixture.finicity())
    flow.on(.due(submissions: []), at: 0)
    flow.on(.initiated(.reconcile(.accountAlreadyExists(code: "3100001"))))
    flow.on(.accountsListed(.success([])))
    #expect(flow.on(.due(submissions: []), at: 30).calls == [Fixture.findAccount])
    let mine = AVAAccount(
      accountID: "acct-5", routingNumber: Fixture.routing, accountNumberLast4: Fixture.last4)
    flow.on(.accountsListed(.success([mine])))
    #expect(flow.job.providerAccountID == "acct-5")
    #expect(flow.initiateCalls.count == 1)
  }

  @Test("Finicity: a late Returned while awaiting amounts ends the job returned")
  func lateReturn() {
    var flow = FlowDriver(Fixture.finicityAwaiting())
    flow.on(.due(submissions: []), at: 110)
    flow.on(.detailsRead(.success(MicroEntryDetails(status: .returned, statusDescription: "R03"))))
    #expect(flow.job.state == .returned)
    #expect(flow.job.providerMessage == "R03")
    #expect(flow.finished == [.returned])
  }

  @Test("Folio: delay, a timed-out verify reconciled by the bank link, verified with one call")
  func folioFlow() {
    var flow = FlowDriver(Fixture.folio())
    flow.on(.due(submissions: []), at: 60)
    #expect(flow.job.state == .awaitingAmounts)
    flow.on(.due(submissions: [Fixture.submission(8, at: 90)]), at: 100)
    flow.on(.verifyAnswered(.retryLater(after: nil, reason: .timeout)))
    #expect(
      flow.on(.due(submissions: [Fixture.submission(8, status: .submitting)]), at: 110).calls == [
        Fixture.readBankLink
      ])
    flow.on(.bankLinkRead(.success(BankLink(status: .active, verifyStatus: true))))
    #expect(flow.job.state == .verified)
    #expect(flow.verifyCalls == [8])
  }

  @Test("Folio: three wrong guesses end attempts_exhausted with a retry prompt after each")
  func folioExhausted() {
    var flow = FlowDriver(Fixture.folioAwaiting())
    var retryPrompts: [Int?] = []
    for (id, remaining) in [(Int64(1), 2), (2, 1)] {
      flow.on(.due(submissions: [Fixture.submission(id, at: 100)]), at: 100 + id)
      let decision = flow.on(.verifyAnswered(.wrongAmounts(attemptsRemaining: remaining)))
      retryPrompts += decision.prompts.filter { $0.kind == .retry }.map(\.attemptsRemaining)
    }
    flow.on(.due(submissions: [Fixture.submission(3, at: 100)]), at: 110)
    flow.on(.verifyAnswered(.attemptsExhausted))
    #expect(retryPrompts == [2, 1])
    #expect(flow.job.state == .attemptsExhausted)
    #expect(flow.verifyCalls == [1, 2, 3])
    flow.on(.due(submissions: [Fixture.submission(4, at: 120)]), at: 120)
    #expect(flow.verifyCalls == [1, 2, 3], "a finished job sends nothing")
  }
}
