import Testing

@testable import Verification

@Suite("Properties over random provider behaviour, crashes and customers")
struct PropertyTests {
  /// Runs one job to the end against the simulated provider, checking the invariants at every
  /// decision.
  static func run(provider: Provider, seed: UInt64) -> (JobSnapshot, SimulatedProvider, [Int64]) {
    var world = SimulatedProvider(seed: seed)
    var customer = SeededGenerator(state: seed &* 31 &+ 7)
    var job = provider == .finicity ? Fixture.finicity() : Fixture.folio()
    var submissions: [Int64: Submission] = [:]
    var finalStatuses: [Int64: SubmissionStatus] = [:]
    var sent: [Int64] = []
    var nextID: Int64 = 1
    var now: Int64 = 0
    var event: VerificationEvent? = nil
    // No initiate made yet, or the last one is known to have created nothing.
    var mayInitiate = true

    for _ in 0..<3_000 where !job.state.isTerminal {
      if event == nil {
        if Int.random(in: 0..<100, using: &customer) < 20 {
          let roll = Int.random(in: 0..<10, using: &customer)
          let (first, second) =
            roll < 4 ? ("0.01", "0.02") : roll < 9 ? ("0.05", "0.07") : ("0.00", "1.50")
          submissions[nextID] = Submission(
            id: nextID, amountTexts: first, second, createdAt: Fixture.at(now))
          nextID += 1
        }
        event = .due(submissions: Array(submissions.values))
      }
      let context = DecisionContext(
        now: Fixture.at(now),
        freshAttemptID: AttemptID(rawValue: "a-\(now)-\(sent.count)-\(world.accounts.count)"),
        jitter: Double.random(in: 0..<1, using: &customer))
      let decision = Fixture.machine.decide(job, on: event!, context: context)
      // Commit every write of the decision, as one transaction.
      job = decision.job
      for mark in decision.marks {
        #expect(finalStatuses[mark.id] == nil, "a settled submission is never marked again")
        if mark.status == .submitting {
          #expect(submissions[mark.id]?.status == .pending)
          submissions[mark.id]?.status = .submitting
        } else {
          submissions[mark.id] = nil
          finalStatuses[mark.id] = mark.status
        }
      }
      event = nil
      if let call = decision.call {
        let writes = decision.stateWrites
        switch call {
        case .initiate(let request):
          let attempt = request.attemptID
          #expect(mayInitiate, "a second initiate while the first may have created an account")
          #expect(world.accounts.isEmpty)
          #expect(writes.last?.state == .initiating && writes.last?.attemptID == attempt)
          #expect(writes.last?.schedule == .keepLease)
          mayInitiate = false
        case .verify(let id, _):
          #expect(!sent.contains(id), "a submission is sent once")
          #expect(finalStatuses[id] == nil, "a refused or settled submission is never sent")
          #expect(submissions[id]?.status == .submitting)
          #expect(writes.last?.state == .verifying && writes.last?.schedule == .keepLease)
          sent.append(id)
        default: break
        }
        event = world.answer(call)
        if case .accountsListed(.success(let listed))? = event,
          !listed.contains(where: { $0.routingNumber == Fixture.routing }),
          !job.data.accountMayExist
        {
          mayInitiate = true
        }
        if case .initiated(.permanentFailure)? = event { mayInitiate = true }
        if event == nil { now += 30 }  // the daemon crashed; the lease expires
      } else if case .runAt(let at)? = decision.lastWrite?.schedule {
        let due = at - Fixture.start
        let dueSeconds = due.components.seconds + (due.components.attoseconds > 0 ? 1 : 0)
        now = max(now, min(dueSeconds, now + Int64.random(in: 1...40, using: &customer)))
      } else {
        now += 1
      }
      #expect(world.accounts.count <= 1, "exactly-once initiation")
      #expect(world.attemptsSpent <= sent.count, "no attempt the customer did not make")
    }
    return (job, world, sent)
  }

  @Test(
    "Finicity: one account at most, every submission sent at most once, sound outcomes",
    arguments: 0..<150)
  func finicity(seed: Int) {
    let (job, world, _) = Self.run(provider: .finicity, seed: UInt64(seed) &+ 1_000)
    #expect(job.state.isTerminal, "every job finishes")
    if job.state == .verified {
      #expect(world.verified, "verified only when the provider verified")
    }
    if job.state == .attemptsExhausted { #expect(world.attemptsSpent == world.maxAttempts) }
    if world.accounts.isEmpty { #expect(job.providerAccountID == nil) }
  }

  @Test("Folio: every submission sent at most once, sound outcomes", arguments: 0..<150)
  func folio(seed: Int) {
    let (job, world, sent) = Self.run(provider: .folio, seed: UInt64(seed) &+ 5_000)
    #expect(job.state.isTerminal, "every job finishes")
    #expect(world.accounts.isEmpty)
    if job.state == .verified { #expect(world.verified) }
    if job.state == .attemptsExhausted { #expect(world.attemptsSpent == world.maxAttempts) }
    #expect(Set(sent).count == sent.count)
  }

  @Test("the simulation reaches every kind of ending")
  func coverage() {
    var outcomes: Set<JobState> = []
    for seed in 0..<150 {
      outcomes.insert(Self.run(provider: .finicity, seed: UInt64(seed) &+ 1_000).0.state)
      outcomes.insert(Self.run(provider: .folio, seed: UInt64(seed) &+ 5_000).0.state)
    }
    #expect(
      outcomes.isSuperset(of: [
        .verified, .attemptsExhausted, .expired, .returned, .rejected, .invalidRequest,
      ]))
  }
}
