import Observability
import Verification

extension Event {
  /// The result kind of the provider call this event reports; `nil` for `due` and `cancel`.
  var callResult: VerifierMetrics.CallResult? {
    switch self {
    case .initiated(let outcome): outcome.callResult
    case .detailsRead(let outcome): outcome.callResult
    case .accountsListed(let outcome): outcome.callResult
    case .verifyAnswered(let outcome): outcome.callResult
    case .bankLinkRead(let outcome): outcome.callResult
    case .due, .cancel: nil
    }
  }
}
