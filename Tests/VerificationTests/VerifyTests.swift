import Testing

@testable import Verification

@Suite("Verify results and the reconciliation of an unknown verify")
struct VerifyTests {
  let finicity = Fixture.finicity(
    .verifying, account: "acct-1", attempts: 3,
    data: JobData(
      nextPollAt: Fixture.at(110), awaitingSince: Fixture.at(100), expiresAt: Fixture.at(1_100),
      inFlightSubmissionID: 5))
  let folio = Fixture.folio(
    .verifying,
    data: JobData(
      awaitingSince: Fixture.at(60), expiresAt: Fixture.at(1_060), inFlightSubmissionID: 5))

  @Test("verified: the job and the submission are verified")
  func verified() {
    let decision = Fixture.decide(
      finicity, .verifyAnswered(.success(VerifyAnswer(verified: true))), at: 200)
    decision.expectFinished(.verified)
    #expect(decision.marks == [SubmissionMark(id: 5, status: .verified, attemptsRemaining: 3)])
    #expect(decision.job.data.inFlightSubmissionID == nil)
  }

  @Test(
    "Finicity wrong amounts: one attempt counted, mismatch, back to awaiting with a retry prompt")
  func finicityMismatch() throws {
    let decision = Fixture.decide(
      finicity, .verifyAnswered(.wrongAmounts(attemptsRemaining: nil)), at: 200)
    #expect(decision.marks == [SubmissionMark(id: 5, status: .mismatch, attemptsRemaining: 2)])
    let write = try #require(decision.lastWrite)
    #expect(write.state == .awaitingAmounts)
    #expect(write.attemptsRemaining == 2)
    #expect(write.data.inFlightSubmissionID == nil)
    #expect(write.schedule == .runAt(Fixture.at(110)))
    #expect(
      decision.prompts == [
        PromptPlan(kind: .retry, dueAt: Fixture.at(200), attemptsRemaining: 2),
        PromptPlan(kind: .lastChance, dueAt: Fixture.at(1_000), attemptsRemaining: 2),
      ])
    #expect(decision.calls.isEmpty)
  }

  @Test("Folio wrong amounts: the provider's count is used")
  func folioMismatch() {
    let decision = Fixture.decide(
      folio, .verifyAnswered(.wrongAmounts(attemptsRemaining: 2)), at: 200)
    #expect(decision.job.attemptsRemaining == 2)
    #expect(decision.marks.first?.status == .mismatch)
    #expect(decision.lastWrite?.schedule == .runAt(Fixture.at(1_060)))
    #expect(decision.prompts.first?.attemptsRemaining == 2)
  }

  @Test("wrong amounts with none left, or attempts exhausted: attempts_exhausted")
  func exhausted() {
    let zero = Fixture.decide(folio, .verifyAnswered(.wrongAmounts(attemptsRemaining: 0)), at: 200)
    zero.expectFinished(.attemptsExhausted)
    #expect(zero.marks.map(\.status) == [.attemptsExhausted])
    var last = finicity
    last.attemptsRemaining = 1
    let local = Fixture.decide(
      last, .verifyAnswered(.wrongAmounts(attemptsRemaining: nil)), at: 200)
    local.expectFinished(.attemptsExhausted)
    let told = Fixture.decide(finicity, .verifyAnswered(.attemptsExhausted), at: 200)
    told.expectFinished(.attemptsExhausted)
    #expect(told.job.attemptsRemaining == 0)
    #expect(told.marks.map(\.status) == [.attemptsExhausted])
  }

  @Test("a wrong guess after the expiry ends the job expired")
  func mismatchAfterExpiry() {
    let decision = Fixture.decide(
      finicity, .verifyAnswered(.wrongAmounts(attemptsRemaining: nil)), at: 1_200)
    decision.expectFinished(.expired)
    #expect(decision.marks.map(\.status) == [.mismatch])
  }

  @Test("unknown result: stay verifying, keep the submission submitting, never resend")
  func unknown() throws {
    let decision = Fixture.decide(
      finicity, .verifyAnswered(.retryLater(after: .seconds(3), reason: .timeout)), at: 200)
    #expect(decision.calls.isEmpty)
    #expect(decision.marks.isEmpty)
    let write = try #require(decision.lastWrite)
    #expect(write.state == .verifying)
    #expect(write.data.inFlightSubmissionID == 5)
    #expect(write.schedule == .runAt(Fixture.at(203)))
    let later = Fixture.decide(
      decision.job, .due(submissions: [Fixture.submission(5, status: .submitting)]), at: 203)
    #expect(later.calls == [Fixture.details("acct-1")])
    #expect(later.events.contains { $0.kind == .reconcile })
  }

  @Test("a 200 that does not say verified, or 3200002: read the details at once")
  func reReadAtOnce() {
    let unverified = Fixture.decide(
      finicity, .verifyAnswered(.success(VerifyAnswer(verified: false))), at: 200)
    #expect(unverified.call == Fixture.details("acct-1"))
    #expect(unverified.stateWrites.isEmpty)
    let other = Fixture.decide(
      finicity, .verifyAnswered(.reconcile(.otherStatus(code: "3200002", message: nil))), at: 200)
    #expect(other.call == Fixture.details("acct-1"))
    #expect(
      Fixture.decide(folio, .verifyAnswered(.success(VerifyAnswer(verified: false))), at: 200).calls
        == [Fixture.readBankLink])
  }

  @Test("reconciled by details: Verified → verified")
  func reconciledVerified() {
    let decision = Fixture.decide(
      finicity, .detailsRead(.success(MicroEntryDetails(status: .verified))), at: 210)
    decision.expectFinished(.verified)
    #expect(decision.marks.map(\.status) == [.verified])
  }

  @Test(
    "reconciled by details: Completed or Pending → submission error, back to awaiting, attempts unchanged",
    arguments: [MicroEntryStatus.completed, .pending])
  func reconciledNotVerified(status: MicroEntryStatus) throws {
    let decision = Fixture.decide(
      finicity, .detailsRead(.success(MicroEntryDetails(status: status))), at: 210)
    let mark = try #require(decision.marks.first)
    #expect(mark.status == .error)
    #expect(mark.reason?.contains("not resent") == true)
    #expect(decision.job.state == .awaitingAmounts)
    #expect(decision.job.attemptsRemaining == 3)
    #expect(decision.prompts.first?.kind == .retry)
    #expect(decision.calls.isEmpty)
  }

  @Test("reconciled by details: a terminal status ends the job and errors the submission")
  func reconciledReturned() {
    let decision = Fixture.decide(
      finicity, .detailsRead(.success(MicroEntryDetails(status: .returned))), at: 210)
    decision.expectFinished(.returned)
    #expect(decision.marks.map(\.status) == [.error])
  }

  @Test("Folio found verifying: read the bank link before anything else")
  func folioReconcile() {
    let decision = Fixture.decide(folio, .due(submissions: []), at: 300)
    #expect(decision.call == Fixture.readBankLink)
    #expect(decision.stateWrites.isEmpty)
  }

  @Test("a verify another daemon committed is not reconciled before the settle delay has passed")
  func verifySettles() {
    var recent = folio
    recent.data.verifyStartedAt = Fixture.at(298)
    let early = Fixture.decide(recent, .due(submissions: []), at: 300)
    #expect(early.calls.isEmpty)
    #expect(early.lastWrite?.schedule == .runAt(Fixture.at(303)))
    #expect(early.job.state == .verifying)
    let later = Fixture.decide(recent, .due(submissions: []), at: 303)
    #expect(later.call == Fixture.readBankLink)
  }

  @Test("submitting records when the verify was committed")
  func submitStamps() {
    let decision = Fixture.decide(
      Fixture.folioAwaiting(), .due(submissions: [Fixture.submission(5)]), at: 300)
    #expect(decision.job.state == .verifying)
    #expect(decision.job.data.verifyStartedAt == Fixture.at(300))
  }

  @Test("Folio bank link: verified, deleted, or active and unverified")
  func bankLink() {
    let verified = Fixture.decide(
      folio, .bankLinkRead(.success(BankLink(status: .active, verifyStatus: true))), at: 300)
    verified.expectFinished(.verified)
    let deleted = Fixture.decide(
      folio, .bankLinkRead(.success(BankLink(status: .deleted, verifyStatus: false))), at: 300)
    deleted.expectFinished(.attemptsExhausted)
    #expect(deleted.lastWrite?.providerCode == "D")
    #expect(deleted.marks.map(\.status) == [.attemptsExhausted])
    let active = Fixture.decide(
      folio, .bankLinkRead(.success(BankLink(status: .active, verifyStatus: false))), at: 300)
    #expect(active.job.state == .awaitingAmounts)
    #expect(active.marks.map(\.status) == [.error])
    let retry = Fixture.decide(
      folio, .bankLinkRead(.retryLater(after: nil, reason: .timeout)), at: 300)
    #expect(retry.job.state == .verifying)
    #expect(retry.calls.isEmpty)
  }

  @Test(
    "permanent verify failures end the job and error the submission",
    arguments: [
      (CallFailure.Category.invalidRequest, Outcome.invalidRequest),
      (.providerRefused, .providerFailed),
    ])
  func permanent(kind: CallFailure.Category, outcome: Outcome) {
    let failure = CallFailure(
      kind: kind, code: "banklink.not.owned.by.account", message: "not owned")
    let decision = Fixture.decide(folio, .verifyAnswered(.permanentFailure(failure)), at: 200)
    decision.expectFinished(outcome)
    #expect(decision.marks.map(\.status) == [.error])
    #expect(decision.lastWrite?.providerCode == "banklink.not.owned.by.account")
  }

  @Test("the retry window closing on an unknown verify: provider_failed, submission error")
  func windowCloses() {
    var job = finicity
    job.retryStartedAt = Fixture.at(0)
    job.data.retryCount = 6
    let decision = Fixture.decide(
      job, .verifyAnswered(.retryLater(after: nil, reason: .timeout)), at: 120)
    decision.expectFinished(.providerFailed)
    #expect(decision.marks.map(\.status) == [.error])
    #expect(decision.lastWrite?.providerMessage?.hasPrefix("retry window exhausted") == true)
    #expect(
      decision.events.contains {
        $0.kind == .alert && $0.message?.contains("an attempt may have been spent") == true
      })
  }

  @Test("giving up with an initiation result unknown raises an alert")
  func windowClosesOnInitiation() {
    var job = Fixture.finicity(.initiating, data: JobData(attemptStartedAt: Fixture.at(0)))
    job.retryStartedAt = Fixture.at(0)
    job.data.retryCount = 6
    let decision = Fixture.decide(
      job, .initiated(.retryLater(after: nil, reason: .timeout)), at: 120)
    decision.expectFinished(.providerFailed)
    #expect(
      decision.events.contains {
        $0.kind == .alert && $0.message?.contains("deposits may have been sent") == true
      })
  }

  @Test("events never carry the amounts")
  func noAmountsInEvents() {
    let job = Fixture.finicityAwaiting()
    let decision = Fixture.decide(
      job, .due(submissions: [Fixture.submission(5, "0.47", "0.83")]), at: 150)
    #expect(!decision.events.isEmpty)
    for event in decision.events {
      let text = [event.message, event.providerCode].compactMap { $0 }.joined(separator: " ")
      #expect(!text.contains("47") && !text.contains("83"))
    }
    #expect(!"\(decision)".contains("0.47"))
  }
}
