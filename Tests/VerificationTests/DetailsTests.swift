import Testing

@testable import Verification

@Suite("Finicity details: polling, settling, late statuses")
struct DetailsTests {
  let pending = Fixture.finicity(.pending, account: "acct-1", data: JobData(pollCount: 1))

  @Test("pending and due: read the details, write nothing yet")
  func pollDue() {
    let decision = Fixture.decide(pending, .due(submissions: []), at: 10)
    #expect(decision.writes.isEmpty)
    #expect(decision.call == Fixture.details("acct-1"))
  }

  @Test("pending past the pending limit: one more read, then expired only if still unsettled")
  func pendingLimit() {
    let due = Fixture.decide(pending, .due(submissions: []), at: 5_000)
    #expect(due.writes.isEmpty)
    #expect(due.call == Fixture.details("acct-1"))
    Fixture.decide(pending, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 5_000)
      .expectFinished(.expired)
    let settled = Fixture.decide(
      pending, .detailsRead(.success(MicroEntryDetails(status: .completed))), at: 5_000)
    #expect(settled.lastWrite?.state == .awaitingAmounts)
  }

  @Test("the pending limit counts from the initiation, not from the insert")
  func pendingLimitFromInitiation() {
    // Created at 0, initiated at 3_000 after waiting in the queue: not expired at 5_000.
    var late = pending
    late.data.attemptStartedAt = Fixture.at(3_000)
    let read = Fixture.decide(
      late, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 5_000)
    #expect(read.lastWrite?.state == .pending)
    #expect(read.lastWrite?.schedule == .runAt(Fixture.at(5_020)))
    Fixture.decide(late, .detailsRead(.success(MicroEntryDetails(status: nil))), at: 8_000)
      .expectFinished(.expired)
  }

  @Test("still Pending (or no status): poll again on the backing-off schedule")
  func keepsPolling() {
    let first = Fixture.decide(
      pending, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 10)
    #expect(first.lastWrite?.schedule == .runAt(Fixture.at(30)))
    #expect(first.lastWrite?.state == .pending)
    let second = Fixture.decide(
      first.job, .detailsRead(.success(MicroEntryDetails(status: nil))), at: 30)
    #expect(second.lastWrite?.schedule == .runAt(Fixture.at(70)))
    let third = Fixture.decide(
      second.job, .detailsRead(.success(MicroEntryDetails(status: nil))), at: 70)
    #expect(third.lastWrite?.schedule == .runAt(Fixture.at(130)), "capped at 60 s")
  }

  @Test("the next poll never goes past the pending limit")
  func pollCappedByLimit() {
    let decision = Fixture.decide(
      pending, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 4_990)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(5_000)))
  }

  @Test("Completed: awaiting amounts, expiry set, attempts known, prompts scheduled")
  func completed() throws {
    let decision = Fixture.decide(
      pending, .detailsRead(.success(MicroEntryDetails(status: .completed))), at: 50)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .awaitingAmounts)
    #expect(write.attemptsRemaining == 3)
    #expect(write.data.awaitingSince == Fixture.at(50))
    #expect(write.data.expiresAt == Fixture.at(1_050))
    #expect(write.data.nextPollAt == Fixture.at(70))
    #expect(write.schedule == .runAt(Fixture.at(70)))
    #expect(decision.prompts.map(\.kind) == [.first, .reminder, .reminder, .lastChance])
    #expect(decision.prompts.map(\.dueAt) == [50, 150, 350, 950].map(Fixture.at))
    #expect(decision.prompts.allSatisfy { $0.attemptsRemaining == 3 })
    #expect(decision.calls.isEmpty)
  }

  @Test(
    "a terminal status ends the job, while pending or awaiting amounts",
    arguments: [
      (MicroEntryStatus.verified, Outcome.verified), (.returned, .returned), (.rejected, .rejected),
      (.failed, .providerFailed), (.expired, .expired),
    ])
  func terminal(status: MicroEntryStatus, outcome: Outcome) {
    #expect(VerificationMachine.outcome(for: status) == outcome)
    for job in [pending, Fixture.finicityAwaiting()] {
      let details = MicroEntryDetails(status: status, statusDescription: "late news")
      let decision = Fixture.decide(job, .detailsRead(.success(details)), at: 200)
      decision.expectFinished(outcome)
      #expect(decision.lastWrite?.providerCode == status.rawValue)
      #expect(decision.lastWrite?.providerMessage == "late news")
      #expect(decision.marks.isEmpty)
    }
  }

  @Test("awaiting amounts and still Completed: next read scheduled, no new prompts")
  func awaitingPoll() {
    let job = Fixture.finicityAwaiting()
    let decision = Fixture.decide(
      job, .detailsRead(.success(MicroEntryDetails(status: .completed))), at: 110)
    #expect(decision.lastWrite?.state == .awaitingAmounts)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(150)))
    #expect(decision.prompts.isEmpty)
  }

  @Test("the next read while awaiting never goes past the expiry")
  func awaitingPollCapped() {
    let job = Fixture.finicityAwaiting()
    let decision = Fixture.decide(
      job, .detailsRead(.success(MicroEntryDetails(status: .completed))), at: 1_090)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(1_100)))
  }

  @Test("details failures: retry, or end the job")
  func failures() {
    let retry = Fixture.decide(
      pending, .detailsRead(.retryLater(after: nil, reason: .serverError(status: 500))), at: 0,
      jitter: 1)
    #expect(retry.lastWrite?.schedule == .runAt(Fixture.at(1)))
    #expect(retry.lastWrite?.state == .pending)
    let odd = Fixture.decide(pending, .detailsRead(.attemptsExhausted), at: 0)
    #expect(odd.lastWrite?.state == .pending)
    #expect(odd.events.contains { $0.kind == .retry })
    let missing = CallFailure(kind: .invalidRequest, code: "14001", message: "not found")
    Fixture.decide(pending, .detailsRead(.permanentFailure(missing)), at: 0).expectFinished(
      .invalidRequest)
  }

  @Test("a 429 on details is retried at the limiter's pace: within a second, the backoff not grown")
  func rateLimitedIsPaced() {
    var job = pending
    job.data.retryCount = 8
    job.retryStartedAt = Fixture.at(-10)
    let paced = Fixture.decide(
      job, .detailsRead(.retryLater(after: nil, reason: .rateLimited)), at: 0, jitter: 1)
    #expect(paced.lastWrite?.schedule == .runAt(Fixture.at(1)))
    #expect(paced.lastWrite?.data.retryCount == 8)
    let backedOff = Fixture.decide(
      job, .detailsRead(.retryLater(after: nil, reason: .serverError(status: 503))), at: 0,
      jitter: 1)
    #expect(backedOff.lastWrite?.schedule == .runAt(Fixture.at(16)))
    #expect(backedOff.lastWrite?.data.retryCount == 9)
  }

  @Test("every provider call result is recorded with its endpoint and code")
  func callEvents() {
    let decision = Fixture.decide(
      pending, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 10)
    let call = decision.events.first { $0.kind == .providerCall }
    #expect(call?.endpoint == .details)
    #expect(call?.providerCode == "Pending")
    #expect(call?.provider == .finicity)
  }

  @Test("a pending job without an account id fails loudly instead of guessing")
  func missingAccount() {
    let decision = Fixture.decide(Fixture.finicity(.pending), .due(submissions: []), at: 10)
    #expect(decision.job.state == .providerFailed)
    #expect(decision.events.contains { $0.kind == .alert })
  }
}
