import JobQueue
import Observability
import Verification

extension VerifierRuntime {
  /// One claim round trip: its batch size and the jobs rescued from expired leases.
  func recordClaim(_ jobs: [ClaimedJob]) {
    metrics.claimed(batchSize: jobs.count, rescued: jobs.count(where: \.rescued))
  }

  /// A provider call's result and latency (the call a decision asked for; `event` is its result).
  func recordCall(
    _ call: ProviderCall, provider: Provider, event: VerificationEvent,
    measurement: CallMeasurement
  ) {
    guard let result = event.callResult else { return }
    metrics.providerCall(
      provider: provider.rawValue, endpoint: call.endpoint.rawValue, result: result,
      latency: measurement.latency, httpStatus: measurement.httpStatus)
  }

  /// What a committed decision did: state changes, retries scheduled, fraud rules broken (with
  /// the action `fraud` gives each), the job finishing.
  func recordCommitted(_ decision: Decision, fraud: FraudPolicy) {
    for write in decision.writes {
      switch write {
      case .record(let record) where record.kind == .stateChange:
        guard let from = record.fromState, let to = record.toState else { continue }
        metrics.transition(provider: record.provider.rawValue, from: from.rawValue, to: to.rawValue)
      case .record(let record) where record.kind == .retry:
        metrics.retry(
          provider: record.provider.rawValue, endpoint: record.endpoint?.rawValue ?? "none")
      case .record(let record) where record.kind == .policyHit:
        guard let rule = record.providerCode.flatMap(FraudRule.init(rawValue:)) else { continue }
        metrics.policyHit(rule: rule.rawValue, action: fraud.limit(for: rule).action.rawValue)
      case .notifyFinished(let outcome):
        metrics.finished(provider: decision.job.provider.rawValue, outcome: outcome.rawValue)
      default:
        continue
      }
    }
  }
}
