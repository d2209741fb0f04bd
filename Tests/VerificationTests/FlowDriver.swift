import Testing

@testable import Verification

/// Feeds events to the machine like the daemon would: the returned job is what the database
/// holds after the decision's writes. Each decision gets a new attempt id (`attempt-N`).
struct FlowDriver {
  var job: JobSnapshot
  var now: Int64 = 0
  var log: [Action] = []
  var decisions = 0

  init(_ job: JobSnapshot) {
    self.job = job
  }

  @discardableResult
  mutating func on(_ event: Event, at seconds: Int64? = nil, jitter: Double = 0.5) -> Decision {
    if let seconds { now = seconds }
    decisions += 1
    let decision = Fixture.machine.decide(
      job, on: event, context: Fixture.context(now, attempt: "attempt-\(decisions)", jitter: jitter)
    )
    decision.expectWellFormed()
    job = decision.job
    log += decision.actions
    return decision
  }

  var initiateCalls: [AttemptID] {
    log.compactMap { if case .callInitiate(let id) = $0 { return id } else { return nil } }
  }

  var verifyCalls: [Int64] {
    log.compactMap { if case .callVerify(let id, _) = $0 { return id } else { return nil } }
  }

  var statePath: [JobState] {
    log.compactMap {
      if case .appendEvent(let event) = $0, event.kind == .stateChange { return event.toState }
      return nil
    }
  }
}
