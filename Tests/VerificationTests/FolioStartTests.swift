import Testing

@testable import Verification

@Suite("Folio: the job starts awaiting amounts after the configured delay")
struct FolioStartTests {
  @Test("before the delay: wait until created_at plus the delay, refuse early submissions")
  func beforeDelay() {
    let decision = Fixture.decide(
      Fixture.folio(), .due(submissions: [Fixture.submission(1, at: 10)]), at: 10)
    #expect(decision.lastWrite?.state == .queued)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(60)))
    #expect(decision.marks.map(\.status) == [.refused])
    #expect(decision.calls.isEmpty)
  }

  @Test("after the delay: awaiting amounts, prompts, no attempt count until Folio gives one")
  func afterDelay() throws {
    let decision = Fixture.decide(Fixture.folio(), .due(submissions: []), at: 60)
    let write = try #require(decision.lastWrite)
    #expect(decision.stateWrites.count == 1)
    #expect(write.state == .awaitingAmounts)
    #expect(write.attemptsRemaining == nil)
    #expect(write.data.expiresAt == Fixture.at(1_060))
    #expect(write.schedule == .runAt(Fixture.at(1_060)))
    #expect(decision.prompts.map(\.kind) == [.first, .reminder, .reminder, .lastChance])
    #expect(decision.calls.isEmpty)
  }

  @Test("after the delay with a submission waiting: entered and sent in one decision")
  func enterAndSend() throws {
    let decision = Fixture.decide(
      Fixture.folio(), .due(submissions: [Fixture.submission(2, at: 70)]), at: 80)
    #expect(decision.transitions.map(\.1) == [.awaitingAmounts, .verifying])
    #expect(decision.stateWrites.count == 1)
    #expect(decision.lastWrite?.state == .verifying)
    #expect(decision.lastWrite?.data.expiresAt == Fixture.at(1_080))
    let pair = try #require(AmountPair(cents: 12, 34))
    #expect(decision.call == Fixture.verifyFolio(2, pair))
  }

  @Test("Folio jobs never initiate nor list accounts, even from a corrupt state")
  func neverInitiates() {
    let decision = Fixture.decide(Fixture.folio(.initiating), .due(submissions: []), at: 100)
    #expect(decision.calls.isEmpty)
    #expect(decision.job.state == .providerFailed)
  }
}
