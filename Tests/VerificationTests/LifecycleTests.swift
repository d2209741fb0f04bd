import Testing

@testable import Verification

@Suite("Cancel, finished jobs, retry windows")
struct LifecycleTests {
  @Test(
    "cancel ends any live job as canceled",
    arguments: [JobState.queued, .initiating, .pending, .awaitingAmounts, .verifying])
  func cancel(state: JobState) {
    let job = Fixture.finicity(
      state, account: "acct-1", data: JobData(inFlightSubmissionID: state == .verifying ? 5 : nil))
    let decision = Fixture.decide(job, .cancel(reason: "operator"), at: 10)
    decision.expectFinished(.canceled)
    #expect(decision.lastWrite?.providerMessage == "operator")
    #expect(decision.marks.map(\.status) == (state == .verifying ? [.error] : []))
  }

  @Test("a finished job ignores results and cancels")
  func finished() {
    let job = Fixture.finicity(.verified, account: "acct-1")
    #expect(Fixture.decide(job, .cancel(reason: nil), at: 10).actions.isEmpty)
    #expect(
      Fixture.decide(job, .detailsRead(.success(MicroEntryDetails(status: .returned))), at: 10)
        .actions.isEmpty)
    #expect(
      Fixture.decide(job, .verifyAnswered(.success(VerifyAnswer(verified: true))), at: 10).actions
        .isEmpty)
  }

  @Test("repeated transient failures back off, honour Retry-After, then fail at the window's end")
  func windowEndsInProviderFailed() {
    var job = Fixture.finicity(.pending, account: "acct-1")
    var now: Int64 = 0
    var runs: [Timestamp] = []
    for _ in 0..<100 {
      let decision = Fixture.decide(
        job, .detailsRead(.retryLater(after: .seconds(2), reason: "429")), at: now, jitter: 0.99)
      job = decision.job
      guard case .runAt(let at) = decision.lastWrite?.schedule else {
        decision.expectFinished(.providerFailed)
        break
      }
      #expect(at >= Fixture.at(now) + .seconds(2))
      #expect(decision.events.contains { $0.kind == .retry })
      runs.append(at)
      now = (at - Fixture.start).components.seconds
    }
    #expect(job.state == .providerFailed)
    #expect(runs.count > 3)
    #expect(runs.last! <= Fixture.at(120))
    #expect(zip(runs, runs.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test("a successful call ends the retry streak")
  func successResets() {
    var job = Fixture.finicity(.pending, account: "acct-1")
    job.retryStartedAt = Fixture.at(0)
    job.data.retryCount = 4
    let decision = Fixture.decide(
      job, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 30)
    #expect(decision.job.retryStartedAt == nil)
    #expect(decision.job.data.retryCount == 0)
  }
}
