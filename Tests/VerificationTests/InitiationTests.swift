import Testing

@testable import Verification

@Suite("Finicity initiation: committed before the call, reconciled when unknown")
struct InitiationTests {
  let fresh = AttemptID(rawValue: "attempt-new")

  @Test("queued: initiating with a new attempt id is written before the initiate call")
  func initiates() throws {
    let decision = Fixture.decide(Fixture.finicity(), .due(submissions: []), at: 0)
    #expect(decision.call == Fixture.initiate(fresh))
    #expect(decision.callDeadline == Fixture.at(0) + Fixture.configuration.moneyCallBudget)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .initiating)
    #expect(write.attemptID == fresh)
    #expect(write.schedule == .keepLease)
    #expect(write.data.initiations == 1)
    #expect(write.data.attemptStartedAt == Fixture.at(0))
    #expect(!write.clearAccountNumber)
    #expect(decision.transitions.count == 1)
    #expect(decision.transitions.first?.0 == .queued)
    #expect(decision.transitions.first?.1 == .initiating)
  }

  @Test("queued: early submissions are refused and the initiation still starts")
  func earlySubmission() {
    let decision = Fixture.decide(
      Fixture.finicity(), .due(submissions: [Fixture.submission(1)]), at: 0)
    #expect(
      decision.marks == [
        SubmissionMark(
          id: 1, status: .refused, reason: RefusalReason.notAwaitingAmounts.rawValue,
          attemptsRemaining: nil)
      ])
    #expect(decision.calls == [Fixture.initiate(fresh)])
  }

  @Test("success: pending with the account id, account number cleared, first poll scheduled")
  func success() throws {
    var job = Fixture.finicity(.initiating)
    job.retryStartedAt = Fixture.at(-5)
    job.data.retryCount = 2
    let decision = Fixture.decide(
      job, .initiated(.success(InitiatedAccount(accountID: "acct-9"))), at: 3)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .pending)
    #expect(write.providerAccountID == "acct-9")
    #expect(write.clearAccountNumber)
    #expect(write.schedule == .runAt(Fixture.at(13)))
    #expect(write.retryStartedAt == nil)
    #expect(write.data.retryCount == 0)
    #expect(write.data.pollCount == 1)
    #expect(decision.calls.isEmpty)
    #expect(!decision.job.hasAccountNumber)
  }

  @Test("a timeout keeps initiating and waits at least the settle delay: no second call")
  func timeout() throws {
    let decision = Fixture.decide(
      Fixture.finicity(.initiating), .initiated(.retryLater(after: nil, reason: .timeout)), at: 0,
      jitter: 0)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .initiating)
    #expect(write.schedule == .runAt(Fixture.at(5)))
    #expect(write.retryStartedAt == Fixture.at(0))
    #expect(write.data.retryCount == 1)
    #expect(decision.calls.isEmpty)
    #expect(decision.events.contains { $0.kind == .retry && $0.endpoint == .initiate })
  }

  @Test("Retry-After longer than the settle delay is honoured")
  func retryAfter() {
    let decision = Fixture.decide(
      Fixture.finicity(.initiating),
      .initiated(.retryLater(after: .seconds(30), reason: .rateLimited)),
      at: 0)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(30)))
  }

  @Test("3100001: remember the account exists (written first), then list the accounts")
  func alreadyExists() throws {
    let decision = Fixture.decide(
      Fixture.finicity(.initiating), .initiated(.reconcile(.accountAlreadyExists(code: "3100001"))),
      at: 0)
    let write = try #require(decision.lastWrite)
    #expect(write.data.accountMayExist)
    #expect(write.schedule == .keepLease)
    #expect(write.state == .initiating)
    #expect(decision.calls == [Fixture.findAccount])
    #expect(decision.events.contains { $0.kind == .reconcile && $0.providerCode == "3100001" })
  }

  @Test(
    "permanent failures end the job with the provider's code",
    arguments: [
      (CallFailure.Category.invalidRequest, Outcome.invalidRequest),
      (.providerRefused, .providerFailed), (.authentication, .providerFailed),
    ])
  func permanent(kind: CallFailure.Category, outcome: Outcome) {
    let failure = CallFailure(kind: kind, code: "3200001", message: "initiation failed")
    let decision = Fixture.decide(
      Fixture.finicity(.initiating), .initiated(.permanentFailure(failure)), at: 0)
    decision.expectFinished(outcome)
    #expect(decision.lastWrite?.providerCode == "3200001")
    #expect(decision.lastWrite?.providerMessage == "initiation failed")
    #expect(decision.lastWrite?.clearAccountNumber == true)
    #expect(decision.events.contains { $0.kind == .alert } == (kind == .authentication))
  }

  @Test("found initiating before the settle delay: wait, call nothing")
  func settle() {
    let job = Fixture.finicity(.initiating, data: JobData(attemptStartedAt: Fixture.at(0)))
    let decision = Fixture.decide(job, .due(submissions: []), at: 2)
    #expect(decision.calls.isEmpty)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(5)))
    #expect(decision.lastWrite?.state == .initiating)
  }

  @Test("found initiating after a crash: list accounts first, never initiate")
  func crashReconcile() {
    let job = Fixture.finicity(.initiating, data: JobData(attemptStartedAt: Fixture.at(0)))
    let decision = Fixture.decide(job, .due(submissions: [Fixture.submission(4)]), at: 60)
    #expect(decision.calls == [Fixture.findAccount])
    #expect(decision.stateWrites.isEmpty)
    #expect(decision.marks.map(\.status) == [.refused])
  }

  @Test("the list shows the account: adopt the last match, clear the number, read details")
  func adopt() throws {
    let accounts = [
      AVAAccount(
        accountID: "other-routing", routingNumber: "011000015", accountNumberLast4: Fixture.last4),
      AVAAccount(
        accountID: "old", routingNumber: Fixture.routing, accountNumberLast4: Fixture.last4),
      AVAAccount(
        accountID: "other-last4", routingNumber: Fixture.routing, accountNumberLast4: "0000"),
      AVAAccount(
        accountID: "new", routingNumber: Fixture.routing, accountNumberLast4: Fixture.last4),
      AVAAccount(accountID: "no-fields", routingNumber: nil, accountNumberLast4: nil),
    ]
    let decision = Fixture.decide(
      Fixture.finicity(.initiating), .accountsListed(.success(accounts)), at: 60)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .pending)
    #expect(write.providerAccountID == "new")
    #expect(write.clearAccountNumber)
    #expect(write.schedule == .keepLease)
    #expect(decision.calls == [Fixture.details("new")])
  }

  @Test("nothing was created: initiate again with a new attempt id, written first")
  func reinitiate() throws {
    var job = Fixture.finicity(
      .initiating, data: JobData(attemptStartedAt: Fixture.at(0), initiations: 1))
    job.retryStartedAt = Fixture.at(0)
    let unrelated = AVAAccount(
      accountID: "x", routingNumber: Fixture.routing, accountNumberLast4: "1111")
    let decision = Fixture.decide(job, .accountsListed(.success([unrelated])), at: 60)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .initiating)
    #expect(write.attemptID == fresh)
    #expect(write.attemptID != job.attemptID)
    #expect(write.data.initiations == 2)
    #expect(write.data.attemptStartedAt == Fixture.at(60))
    #expect(
      write.retryStartedAt == Fixture.at(0), "the retry streak goes on: the window bounds the loop")
    #expect(decision.calls == [Fixture.initiate(fresh)])
  }

  @Test("the provider said it exists but the list is empty: list again later, never initiate")
  func existsButNotListed() {
    let job = Fixture.finicity(.initiating, data: JobData(accountMayExist: true))
    let decision = Fixture.decide(job, .accountsListed(.success([])), at: 60, jitter: 1)
    #expect(decision.calls.isEmpty)
    #expect(decision.lastWrite?.state == .initiating)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(61)))
  }

  @Test("list failures: retry later, or end the job")
  func listFailures() {
    let job = Fixture.finicity(.initiating)
    let retry = Fixture.decide(
      job, .accountsListed(.retryLater(after: .seconds(7), reason: .serverError(status: 503))),
      at: 0)
    #expect(retry.lastWrite?.schedule == .runAt(Fixture.at(7)))
    #expect(retry.calls.isEmpty)
    let failure = CallFailure(kind: .invalidRequest, code: "14001", message: "customer not found")
    Fixture.decide(job, .accountsListed(.permanentFailure(failure)), at: 0).expectFinished(
      .invalidRequest)
  }

  @Test("a job whose account number is already cleared is never initiated")
  func clearedNumber() {
    let job = Fixture.finicity(.initiating, hasAccountNumber: false)
    let decision = Fixture.decide(job, .accountsListed(.success([])), at: 60)
    #expect(decision.calls.isEmpty)
    #expect(decision.job.state == .providerFailed)
    #expect(decision.events.contains { $0.kind == .alert })
  }

  @Test("a result the state does not expect is ignored and the job re-evaluated")
  func ignored() {
    let job = Fixture.finicity(.pending, account: "acct-1")
    let decision = Fixture.decide(
      job, .initiated(.success(InitiatedAccount(accountID: "x"))), at: 9)
    #expect(decision.calls.isEmpty)
    #expect(decision.lastWrite?.state == .pending)
    #expect(decision.lastWrite?.providerAccountID == "acct-1")
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(9)))
    #expect(decision.events.map(\.kind) == [.ignored])
  }
}
