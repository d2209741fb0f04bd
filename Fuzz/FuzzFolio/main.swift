// Folio's answers: the verify and bank-link bodies the daemon decodes and the error mapping of
// every other status (the error array, Remaining Attempts, Retry-After). Checked: no trap and the
// mapping's documented rules.
import Foundation
import FuzzSupport
import Verification

@testable import Providers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFolio(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  let input = FuzzResponse(FuzzInput.bytes(data, count))
  let body = Data(input.body)
  let decoder = JSONDecoder()

  _ = (try? decoder.decode(FolioWire.Verification.self, from: body))?.domain
  _ = (try? decoder.decode(FolioWire.BankLinkBody.self, from: body))?.domain
  let errors = (try? decoder.decode([FolioError].self, from: body)) ?? []
  if let remaining = FolioOutcomeMapper.remainingAttempts(in: errors.first?.message) {
    FuzzInput.require(remaining >= 0, "negative remaining attempts")
  }

  let response = RawResponse(status: input.status, headers: input.headers, body: input.body)
  let now = Date(timeIntervalSince1970: 1_800_000_000)
  let outcome = FolioOutcomeMapper.failure(response, now: now)
  switch input.status {
  case 429:
    guard case .retryLater(_, .rateLimited) = outcome else {
      fatalError("property violated: a 429 is not rate limited")
    }
  case 500...:
    guard case .retryLater(_, .serverError) = outcome else {
      fatalError("property violated: a 5xx is not a server error to retry")
    }
  case 401, 403:
    guard case .permanentFailure(let failure) = outcome, failure.kind == .authentication else {
      fatalError("property violated: a 401 or 403 is not an authentication failure")
    }
  default:
    if case .wrongAmounts(let remaining?) = outcome {
      FuzzInput.require(remaining >= 0, "negative remaining attempts")
    }
  }
  return 0
}
