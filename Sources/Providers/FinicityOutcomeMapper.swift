import Foundation
import Verification

/// Maps a Finicity non-success answer to an outcome: the error table of `providers.md`, as code.
enum FinicityOutcomeMapper {
  /// Codes meaning a bad, expired or missing token: get a new token and retry once.
  static let tokenCodes: Set<String> = ["10022", "10023", "10024"]
  static let throttleCodes: Set<String> = ["3300001", "3000000"]
  static let invalidRequestCodes: Set<String> = ["20024", "3000001", "3000003"]

  /// Whether the answer is a token problem that deserves one new token and one retry: a 401 with
  /// 10022/10023/10024, or a 401 with no readable code (Finicity may answer `text/plain`).
  ///
  /// Retrying a code-less 401 is safe: if the cause is our app key or partner credentials, the
  /// token request is rejected and the token store latches shut (no loop, no lock-out). 10026
  /// (missing app key) is not retried: a new token cannot fix the app key.
  static func isTokenError(status: Int, body: [UInt8]) -> Bool {
    guard status == 401 else { return false }
    guard let code = FinicityErrorBody.parse(body).code else { return true }
    return tokenCodes.contains(code)
  }

  /// The outcome of an answer that is not a 2xx.
  static func failure(_ response: RawResponse, now: Date = Date()) -> CallOutcome<Never> {
    if let transient = response.transientOutcome(now: now) { return transient }
    let status = response.status
    let error = FinicityErrorBody.parse(response.body)
    let code = error.code ?? ""
    func permanent(_ kind: CallFailure.Category) -> CallOutcome<Never> {
      .permanentFailure(
        CallFailure(kind: kind, httpStatus: status, code: error.code, message: error.message))
    }
    switch status {
    case 401, 403:
      return permanent(.authentication)
    case 404:
      return permanent(.invalidRequest)
    case 409:
      return .reconcile(.accountAlreadyExists(code: error.code ?? "409"))
    case 400:
      if throttleCodes.contains(code) {
        return .retryLater(after: nil, reason: .throttled(code: code))
      }
      switch code {
      case "3100001": return .reconcile(.accountAlreadyExists(code: code))
      case "3200002": return .reconcile(.otherStatus(code: code, message: error.message))
      case "3200004": return .wrongAmounts(attemptsRemaining: nil)
      case "3200003": return .attemptsExhausted
      case "3200001": return permanent(.providerRefused)
      default: return permanent(.invalidRequest)
      }
    default:
      return permanent(.invalidRequest)
    }
  }
}
