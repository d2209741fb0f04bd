import Testing

@testable import Verification

/// Feeds events to the machine like the daemon would: the returned job is what the database
/// holds after the decision's writes. Each decision gets a new attempt id (`attempt-N`).
struct FlowDriver {
  var job: JobSnapshot
  var now: Int64 = 0
  var calls: [ProviderCall] = []
  var records: [EventRecord] = []
  var finished: [Outcome] = []
  var decisions = 0

  init(_ job: JobSnapshot) {
    self.job = job
  }

  @discardableResult
  mutating func on(_ event: VerificationEvent, at seconds: Int64? = nil, jitter: Double = 0.5)
    -> Decision
  {
    if let seconds { now = seconds }
    decisions += 1
    let decision = Fixture.machine.decide(
      job, on: event, context: Fixture.context(now, attempt: "attempt-\(decisions)", jitter: jitter)
    )
    job = decision.job
    calls += decision.calls
    records += decision.records
    finished += decision.finishedWith.map { [$0] } ?? []
    return decision
  }

  var initiateCalls: [AttemptID] {
    calls.compactMap { if case .initiate(let request) = $0 { request.attemptID } else { nil } }
  }

  var verifyCalls: [Int64] {
    calls.compactMap { if case .verify(let id, _) = $0 { return id } else { return nil } }
  }

  var statePath: [JobState] {
    records.compactMap { $0.kind == .stateChange ? $0.toState : nil }
  }
}
