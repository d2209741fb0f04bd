import Testing

@testable import Verification

@Suite("Cancel, finished jobs, retry windows")
struct LifecycleTests {
  @Test(
    "a cancel request ends any live job as canceled when it is due, refusing what was submitted",
    arguments: [JobState.queued, .initiating, .pending, .awaitingAmounts, .verifying])
  func cancel(state: JobState) {
    let job = Fixture.finicity(
      state, account: "acct-1", data: JobData(inFlightSubmissionID: state == .verifying ? 5 : nil),
      cancelRequested: true)
    let waiting = Fixture.submission(6, at: 5)
    let decision = Fixture.decide(job, .due(submissions: [waiting]), at: 10)
    decision.expectFinished(.canceled)
    let unknown = state == .initiating || state == .verifying
    #expect(
      decision.lastWrite?.providerMessage
        == (unknown ? "canceled while a provider call's result was unknown" : "canceled on request")
    )
    #expect(
      decision.marks.map(\.status) == (state == .verifying ? [.refused, .error] : [.refused]))
    #expect(decision.marks.first?.reason == RefusalReason.canceled.rawValue)
  }

  @Test("a cancel request is honoured only when the job is due, never on a call's result")
  func cancelWaitsForDue() {
    let job = Fixture.finicity(.pending, account: "acct-1", cancelRequested: true)
    let decision = Fixture.decide(
      job, .detailsRead(.success(MicroEntryDetails(status: .pending))), at: 10)
    #expect(decision.job.state == .pending)
    #expect(decision.notified == nil)
  }

  @Test("a finished job ignores results and cancel requests")
  func finished() {
    let job = Fixture.finicity(.verified, account: "acct-1", cancelRequested: true)
    #expect(Fixture.decide(job, .due(submissions: []), at: 10).isEmpty)
    #expect(
      Fixture.decide(job, .detailsRead(.success(MicroEntryDetails(status: .returned))), at: 10)
        .isEmpty)
    #expect(
      Fixture.decide(job, .verifyAnswered(.success(VerifyAnswer(verified: true))), at: 10).isEmpty)
  }

  @Test("repeated transient failures back off, honour Retry-After, then fail at the window's end")
  func windowEndsInProviderFailed() {
    var job = Fixture.finicity(.pending, account: "acct-1")
    var now: Int64 = 0
    var runs: [Timestamp] = []
    for _ in 0..<100 {
      let decision = Fixture.decide(
        job, .detailsRead(.retryLater(after: .seconds(2), reason: .rateLimited)), at: now,
        jitter: 0.99)
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
