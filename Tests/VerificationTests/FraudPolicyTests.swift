import Testing

@testable import Verification

@Suite("Fraud policy: velocity rules screen a queued Finicity job before anything is sent")
struct FraudPolicyTests {
  let fresh = AttemptID(rawValue: "attempt-new")
  let day = Duration.seconds(86_400)

  func policy(_ action: FraudAction, limit: Int = 3) -> FraudPolicy {
    FraudPolicy(
      customersPerAccount: VelocityLimit(limit: limit, window: day * 30, action: action),
      accountsPerCustomer: VelocityLimit(limit: 5, window: day * 7, action: .observe),
      failedVerificationsPerCustomer: VelocityLimit(limit: 3, window: day * 30, action: .off))
  }

  func machine(_ fraud: FraudPolicy) -> VerificationMachine {
    var configuration = Fixture.configuration
    configuration.fraud = fraud
    return VerificationMachine(configuration: configuration)
  }

  func counts(customers: Int, accounts: Int = 1, failures: Int = 0) -> VelocityCounts {
    VelocityCounts(
      customersForAccount: customers, accountsForCustomer: accounts, failuresForCustomer: failures)
  }

  func screened(_ counts: VelocityCounts, released: Bool = false) -> JobSnapshot {
    var job = Fixture.finicity()
    job.velocity = counts
    job.policyReleased = released
    return job
  }

  @Test("a distinct count may reach its limit; past failures may not")
  func limits() {
    let fraud = FraudPolicy()
    #expect(fraud.hits(counts(customers: 3, accounts: 5, failures: 2)).isEmpty)
    let hits = fraud.hits(counts(customers: 4, accounts: 6, failures: 3))
    #expect(hits.map(\.rule) == FraudRule.allCases)
    #expect(hits.map(\.action) == [.hold, .hold, .observe])
    #expect(FraudPolicy.off.hits(counts(customers: 99, accounts: 99, failures: 99)).isEmpty)
  }

  @Test("the most severe action acts; of equals, the first rule")
  func acting() {
    var fraud = policy(.observe)
    fraud.accountsPerCustomer.action = .refuse
    fraud.failedVerificationsPerCustomer = VelocityLimit(limit: 1, window: day, action: .hold)
    let hits = fraud.hits(counts(customers: 9, accounts: 9, failures: 1))
    #expect(FraudPolicy.acting(hits)?.rule == .accountsPerCustomer)
    #expect(FraudPolicy.acting([]) == nil)
  }

  @Test("the message names the rule, the count, the limit and the window, nothing else")
  func message() {
    let hit = FraudHit(
      rule: .customersPerAccount, count: 20,
      limit: VelocityLimit(limit: 3, window: day * 30, action: .hold))
    #expect(
      hit.message
        == "customers_per_account: 20 customers for this account in 30 days (at most 3); action hold"
    )
    #expect(!hit.message.contains(Fixture.customer))
  }

  @Test("observe: a policy_hit event per broken rule, and the initiation goes on")
  func observe() throws {
    let decision = machine(policy(.observe)).decide(
      screened(counts(customers: 4, accounts: 6)), on: .due(submissions: []),
      context: Fixture.context(0))
    #expect(decision.call == Fixture.initiate(fresh))
    let hits = decision.events.filter { $0.kind == .policyHit }
    #expect(hits.map(\.providerCode) == ["customers_per_account", "accounts_per_customer"])
    #expect(decision.job.state == .initiating)
    #expect(decision.job.policyRule == nil)
  }

  @Test("hold: held with the rule named, nothing called, not due until released")
  func hold() throws {
    let decision = machine(policy(.hold)).decide(
      screened(counts(customers: 4)), on: .due(submissions: [Fixture.submission(1)]),
      context: Fixture.context(0))
    #expect(decision.calls.isEmpty)
    #expect(decision.job.state == .held)
    #expect(decision.job.policyRule == .customersPerAccount)
    #expect(decision.lastWrite?.policyRule == .customersPerAccount)
    #expect(decision.lastWrite?.schedule == .runAt(VerificationMachine.heldUntilReleased))
    #expect(decision.job.hasAccountNumber)
    #expect(decision.marks.map(\.status) == [.refused])
    #expect(decision.transitions.map(\.1) == [.held])
    let events = WebhookEvent.events(in: decision, at: Fixture.at(0))
    #expect(events.map(\.type) == [.held])
    #expect(events.first?.policyRule == .customersPerAccount)
  }

  @Test("refuse: refused_by_policy before anything is sent, account number cleared")
  func refuse() throws {
    let decision = machine(policy(.refuse)).decide(
      screened(counts(customers: 20)), on: .due(submissions: []), context: Fixture.context(0))
    decision.expectFinished(.refusedByPolicy)
    #expect(decision.job.policyRule == .customersPerAccount)
    #expect(decision.job.attemptID == nil)
    let finished = WebhookEvent.events(in: decision, at: Fixture.at(0))
    #expect(finished.map(\.type) == [.finished])
    #expect(finished.first?.policyRule == .customersPerAccount)
  }

  @Test("a rule that is off, or a job the claim did not count, is not screened")
  func unscreened() {
    let off = machine(policy(.off)).decide(
      screened(counts(customers: 20)), on: .due(submissions: []), context: Fixture.context(0))
    #expect(off.call == Fixture.initiate(fresh))
    let uncounted = machine(policy(.refuse)).decide(
      Fixture.finicity(), on: .due(submissions: []), context: Fixture.context(0))
    #expect(uncounted.call == Fixture.initiate(fresh))
  }

  @Test("held and not released: stays held; released: initiated without a second screen")
  func released() throws {
    var held = screened(counts(customers: 20))
    held.state = .held
    held.policyRule = .customersPerAccount
    let waiting = machine(policy(.hold)).decide(
      held, on: .due(submissions: []), context: Fixture.context(10))
    #expect(waiting.calls.isEmpty)
    #expect(waiting.lastWrite?.schedule == .runAt(VerificationMachine.heldUntilReleased))
    held.policyReleased = true
    let go = machine(policy(.hold)).decide(
      held, on: .due(submissions: []), context: Fixture.context(10))
    #expect(go.call == Fixture.initiate(fresh))
    #expect(go.events.filter { $0.kind == .policyHit }.isEmpty)
    #expect(go.transitions.first?.0 == .held)
    #expect(go.transitions.first?.1 == .initiating)
    #expect(go.events.first?.message == "released by an operator")
  }

  @Test("a held job asked to cancel ends canceled")
  func cancelHeld() {
    var held = Fixture.finicity(.held, cancelRequested: true)
    held.policyRule = .accountsPerCustomer
    let decision = machine(policy(.hold)).decide(
      held, on: .due(submissions: []), context: Fixture.context(10))
    decision.expectFinished(.canceled)
  }
}
