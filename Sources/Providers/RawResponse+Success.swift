import Foundation
import Logging
import Verification

extension RawResponse {
  /// A 2xx answer as a call's outcome: the decoded body, or, when it does not decode, a
  /// reconciliation for a call that moves money (it probably took effect) and a retry for a
  /// read. `nil` for any other status. The one place both providers' clients take this rule from.
  func successOutcome<Body: Decodable & Sendable & Hashable>(
    as: Body.Type, movesMoney: Bool, logger: Logger, provider: String, method: String
  ) -> CallOutcome<Body>? {
    guard (200..<300).contains(status) else { return nil }
    guard let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)) else {
      logger.warning(
        "\(provider) success answer undecodable",
        metadata: ["method": "\(method)", "movesMoney": "\(movesMoney)"])
      return movesMoney
        ? .reconcile(.outcomeUnknown) : .retryLater(after: nil, reason: .malformedResponse)
    }
    return .success(decoded)
  }
}
