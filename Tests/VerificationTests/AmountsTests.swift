import Testing

@testable import Verification

@Suite("Amount submissions: refused without spending, sent once")
struct AmountsTests {
  let awaiting = Fixture.finicityAwaiting()

  @Test("a valid submission: submitting and verifying are written, prompts cancelled, then verify")
  func submits() throws {
    let decision = Fixture.decide(awaiting, .due(submissions: [Fixture.submission(5)]), at: 150)
    let pair = try #require(AmountPair(cents: 12, 34))
    #expect(decision.call == Fixture.verifyFinicity(5, pair))
    #expect(decision.marks == [SubmissionMark(id: 5, status: .submitting, attemptsRemaining: 3)])
    #expect(decision.cancelsPrompts)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .verifying)
    #expect(write.schedule == .keepLease)
    #expect(write.data.inFlightSubmissionID == 5)
    #expect(write.attemptsRemaining == 3, "sending does not count an attempt before the answer")
  }

  @Test("two pending submissions: the oldest is sent, the other refused")
  func twoPending() {
    let decision = Fixture.decide(
      awaiting, .due(submissions: [Fixture.submission(9), Fixture.submission(6)]), at: 150)
    #expect(decision.calls.count == 1)
    if case .verify(let id, _) = decision.calls.first {
      #expect(id == 6)
    } else {
      Issue.record("no verify")
    }
    #expect(
      decision.marks.contains(
        SubmissionMark(
          id: 9, status: .refused, reason: RefusalReason.anotherInFlight.rawValue,
          attemptsRemaining: 3)))
  }

  @Test(
    "refusals never call the provider nor touch the attempts",
    arguments: [
      (Fixture.submission(1, at: 150), 0, RefusalReason.noAttemptsLeft),
      (Fixture.submission(1, "0.12", "1.20"), 3, .malformedAmounts),
      (Fixture.submission(1, "0.125", "0.30"), 3, .malformedAmounts),
      (Fixture.submission(1, at: 1_100), 3, .expired),
    ])
  func refusals(submission: Submission, attempts: Int, reason: RefusalReason) {
    let job = Fixture.finicityAwaiting(attempts: attempts)
    let decision = Fixture.decide(job, .due(submissions: [submission]), at: 150)
    #expect(
      decision.marks == [
        SubmissionMark(
          id: 1, status: .refused, reason: reason.rawValue, attemptsRemaining: attempts)
      ])
    #expect(!decision.calls.contains { if case .verify = $0 { true } else { false } })
    #expect(decision.job.attemptsRemaining == attempts)
    #expect(decision.job.state == .awaitingAmounts)
    #expect(decision.events.contains { $0.kind == .submissionRefused })
  }

  @Test("a malformed submission is refused and the next valid one sent")
  func malformedThenValid() {
    let decision = Fixture.decide(
      awaiting, .due(submissions: [Fixture.submission(1, "0.00", "0.12"), Fixture.submission(2)]),
      at: 150)
    #expect(decision.marks.map(\.status) == [.refused, .submitting])
    #expect(decision.marks.map(\.id) == [1, 2])
  }

  @Test("another submission in flight: pending ones are refused, nothing is sent")
  func inFlight() {
    let submitting = Fixture.submission(1, status: .submitting)
    let decision = Fixture.decide(
      awaiting, .due(submissions: [submitting, Fixture.submission(2)]), at: 150)
    #expect(decision.marks.map(\.id) == [2])
    #expect(decision.marks.first?.reason == RefusalReason.anotherInFlight.rawValue)
    #expect(!decision.calls.contains { if case .verify = $0 { true } else { false } })
  }

  @Test(
    "not awaiting amounts: refused",
    arguments: [JobState.pending, .initiating, .queued, .verified, .expired])
  func notAwaiting(state: JobState) {
    let job = Fixture.finicity(
      state, account: "acct-1", data: JobData(attemptStartedAt: Fixture.at(0)))
    let decision = Fixture.decide(job, .due(submissions: [Fixture.submission(3)]), at: 150)
    #expect(decision.marks.first?.status == .refused)
    #expect(decision.marks.first?.reason == RefusalReason.notAwaitingAmounts.rawValue)
    #expect(!decision.calls.contains { if case .verify = $0 { true } else { false } })
    if state.isTerminal { #expect(decision.stateWrites.isEmpty) }
  }

  @Test("made before the expiry but handled after it: still sent")
  func lateButInTime() {
    let decision = Fixture.decide(
      awaiting, .due(submissions: [Fixture.submission(3, at: 1_099)]), at: 1_200)
    #expect(decision.job.state == .verifying)
  }

  @Test("expiry with nothing to send: expired, prompts cancelled")
  func expires() {
    Fixture.decide(awaiting, .due(submissions: []), at: 1_100).expectFinished(.expired)
  }

  @Test("nothing to send: Finicity reads details when its poll is due, otherwise waits")
  func finicityIdle() {
    #expect(
      Fixture.decide(awaiting, .due(submissions: []), at: 110).writes.isEmpty)
    #expect(
      Fixture.decide(awaiting, .due(submissions: []), at: 110).call == Fixture.details("acct-1"))
    let early = Fixture.decide(awaiting, .due(submissions: []), at: 105)
    #expect(early.calls.isEmpty)
    #expect(early.lastWrite?.schedule == .runAt(Fixture.at(110)))
  }

  @Test("nothing to send: Folio waits for a submission or its expiry")
  func folioIdle() {
    let decision = Fixture.decide(Fixture.folioAwaiting(), .due(submissions: []), at: 300)
    #expect(decision.calls.isEmpty)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(1_060)))
  }

  @Test("a verifying job refuses new submissions and reconciles first")
  func verifyingRefuses() {
    let job = Fixture.finicity(
      .verifying, account: "acct-1", data: JobData(inFlightSubmissionID: 1))
    let decision = Fixture.decide(
      job, .due(submissions: [Fixture.submission(1, status: .submitting), Fixture.submission(2)]),
      at: 200)
    #expect(
      decision.marks == [
        SubmissionMark(
          id: 2, status: .refused, reason: RefusalReason.anotherInFlight.rawValue,
          attemptsRemaining: nil)
      ])
    #expect(decision.calls == [Fixture.details("acct-1")])
  }
}
