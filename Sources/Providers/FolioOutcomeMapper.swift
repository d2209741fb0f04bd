import Foundation
import Verification

/// Maps a Folio non-success answer to an outcome.
enum FolioOutcomeMapper {
  static let wrongAmounts =
    "banklink.verification.failed.microdeposits.due.to.incorrect.microdeposit.amounts"
  static let finalFailure = "banklink.final.verification.failure.no.more.attempts"
  /// Error codes caused by what we sent (identifiers, body, operation).
  static let invalidRequest: Set<String> = [
    "uri.matching.rule", "banklink.not.owned.by.account",
    "banklink.invalid.operation.should.be.delete.verify_md.or.verify_own",
    "banklink.no.member.found.for.loginid", "banklink.loginid.provide.not.account.owner",
    "banklink.null.restbanklink.internal.error",
  ]
  /// Error codes about our API user's existence or permissions: a configuration problem, loud.
  static let authentication: Set<String> = [
    "banklink.api.user.not.found.internal.error",
    "banklink.api.user.needs.money.mover.or.better.permissions.for.account",
  ]

  /// Reads `Remaining Attempts=N` from a message.
  static func remainingAttempts(in message: String?) -> Int? {
    guard let message, let range = message.range(of: "Remaining Attempts=") else { return nil }
    return Int(message[range.upperBound...].prefix { $0.isASCIIDigit })
  }

  /// The outcome of an answer that is not a 2xx.
  static func failure(_ response: RawResponse, now: Date = Date()) -> CallOutcome<Never> {
    if let transient = response.transientOutcome(now: now) { return transient }
    let status = response.status
    let errors = (try? JSONDecoder().decode([FolioError].self, from: Data(response.body))) ?? []
    let first = errors.first
    let code = first?.errorCode ?? ""
    func permanent(_ kind: CallFailure.Category) -> CallOutcome<Never> {
      let message = first?.message ?? String(decoding: response.body.prefix(200), as: UTF8.self)
      return .permanentFailure(
        CallFailure(kind: kind, httpStatus: status, code: first?.errorCode, message: message))
    }
    if status == 401 || status == 403 { return permanent(.authentication) }
    if status == 404 { return permanent(.invalidRequest) }
    switch code {
    case wrongAmounts:
      return .wrongAmounts(attemptsRemaining: remainingAttempts(in: first?.message))
    case finalFailure: return .attemptsExhausted
    case _ where invalidRequest.contains(code): return permanent(.invalidRequest)
    case _ where authentication.contains(code): return permanent(.authentication)
    default: return permanent(.providerRefused)
    }
  }
}
