import Foundation
import Logging

/// Makes one token request (`POST /aggregation/v2/partners/authentication`). Never retries.
struct FinicityTokenFetcher: Sendable {
  let configuration: FinicityConfiguration
  let http: ProviderHTTPClient
  let logger: Logger

  /// The token call's body; the secret is kept as a ``Secret`` so it never prints.
  struct Credentials: Encodable {
    var partnerId: String
    var partnerSecret: Secret

    enum CodingKeys: String, CodingKey { case partnerId, partnerSecret }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(partnerId, forKey: .partnerId)
      try c.encode(partnerSecret.revealed, forKey: .partnerSecret)
    }
  }

  func fetch() async -> FinicityTokenStore.Result {
    let credentials = Credentials(
      partnerId: configuration.partnerId, partnerSecret: configuration.partnerSecret)
    guard let body = try? JSONEncoder().encode(credentials) else {
      return .failed(.retryLater(after: nil, reason: .other("unencodable credentials")))
    }
    let request = OutgoingRequest(
      method: "POST", url: configuration.baseURL + "/aggregation/v2/partners/authentication",
      headers: [("Finicity-App-Key", configuration.appKey.revealed)], body: Array(body))
    switch await http.send(request) {
    case .failed(let reason):
      return .failed(.retryLater(after: nil, reason: reason))
    case .response(let response):
      if (200..<300).contains(response.status) {
        guard
          let token = try? JSONDecoder().decode(
            FinicityAccessToken.self, from: Data(response.body)),
          !token.token.isEmpty
        else { return .failed(.retryLater(after: nil, reason: .malformedResponse)) }
        return .token(Secret(token.token))
      }
      var outcome = FinicityOutcomeMapper.failure(response)
      // A rejected token request is a credentials problem, never an invalid business request.
      if case .permanentFailure(var failure) = outcome {
        failure.kind = .authentication
        outcome = .permanentFailure(failure)
        logger.critical(
          "finicity token request rejected; no further token requests will be made",
          metadata: ["status": "\(response.status)", "code": "\(failure.code ?? "none")"])
      }
      return .failed(outcome)
    }
  }
}
