import Observability
import Verification

extension CallOutcome {
  /// The result kind for ``VerifierMetrics/providerCall(provider:endpoint:result:latency:httpStatus:)``.
  var callResult: VerifierMetrics.CallResult {
    switch self {
    case .success: .success
    case .retryLater: .retryLater
    case .reconcile: .reconcile
    case .wrongAmounts: .wrongAmounts
    case .attemptsExhausted: .attemptsExhausted
    case .permanentFailure: .permanentFailure
    }
  }
}
