import Foundation
import Verification

extension FinicityClient {
  /// What one exchange of ``call(_:_:body:movesMoney:priority:permit:)`` came to.
  enum Answer<Body: Sendable & Hashable> {
    /// The call's outcome, with nothing to report to the permits (a success, or no answer).
    case finished(CallOutcome<Body>)
    /// Finicity refused the call: report `outcome` to the permits, then return it.
    case refused(CallOutcome<Never>)
    /// A 401 token error on the first exchange: renew the token and try once more.
    case tokenRejected
  }

  /// The request, with the app key and token headers.
  @inline(never)
  func request(_ method: String, _ pathAndQuery: String, token: Secret, body: [UInt8]?)
    -> OutgoingRequest
  {
    OutgoingRequest(
      method: method, url: configuration.baseURL + pathAndQuery,
      headers: [
        ("Finicity-App-Key", configuration.appKey.revealed),
        ("Finicity-App-Token", token.revealed),
      ],
      body: body)
  }

  /// Reads one exchange. Kept out of the calling async function, so the decoding's temporaries
  /// live on the thread's stack rather than in the suspended frame of every call in flight.
  @inline(never)
  func read<Body: Decodable & Sendable & Hashable>(
    _ answer: TransportResult, as: Body.Type, method: String, movesMoney: Bool, renewable: Bool
  ) -> Answer<Body> {
    switch answer {
    case .failed(let reason):
      logger.info("finicity call failed", metadata: ["method": "\(method)", "reason": "\(reason)"])
      return .finished(.retryLater(after: nil, reason: reason))
    case .response(let response):
      if let success = response.successOutcome(
        as: Body.self, movesMoney: movesMoney, logger: logger, provider: "finicity", method: method)
      {
        return .finished(success)
      }
      if renewable,
        FinicityOutcomeMapper.isTokenError(status: response.status, body: response.body)
      {
        return .tokenRejected
      }
      let outcome = FinicityOutcomeMapper.failure(response)
      if case .permanentFailure(let failure) = outcome, failure.kind == .authentication {
        logger.error(
          "finicity authentication failed", metadata: ["code": "\(failure.code ?? "none")"])
      }
      return .refused(outcome)
    }
  }
}
