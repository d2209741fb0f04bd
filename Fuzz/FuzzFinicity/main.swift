// Finicity's answers: every success body the daemon decodes (token, initiate, details, verify,
// account list) and the error mapping of every other status, with Retry-After. Checked: no trap,
// the mapping's documented rules, and that a listed account's full number never prints.
import Foundation
import FuzzSupport
import Verification

@testable import Providers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFinicity(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  let input = FuzzResponse(FuzzInput.bytes(data, count))
  let body = Data(input.body)
  let decoder = JSONDecoder()

  _ = (try? decoder.decode(FinicityWire.Initiated.self, from: body))?.domain
  _ = (try? decoder.decode(FinicityWire.Details.self, from: body))?.domain
  _ = (try? decoder.decode(FinicityWire.Verified.self, from: body))?.domain
  _ = (try? decoder.decode(FinicityAccessToken.self, from: body))
  if let accounts = try? decoder.decode(FinicityWire.Accounts.self, from: body) {
    for account in accounts.accounts {
      guard let number = account.number, number.count >= 4 else { continue }
      let printed = "\(account) \(account.domain) \(String(reflecting: account.domain))"
      FuzzInput.require(!printed.contains(number), "a listed account's number was printed")
    }
  }

  let response = RawResponse(status: input.status, headers: input.headers, body: input.body)
  let now = Date(timeIntervalSince1970: 1_800_000_000)
  let outcome = FinicityOutcomeMapper.failure(response, now: now)
  if let after = RetryAfter.parse(response.header("Retry-After"), now: now) {
    FuzzInput.require(after >= .zero, "a negative Retry-After")
  }
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
  default: break
  }
  if FinicityOutcomeMapper.isTokenError(status: input.status, body: input.body) {
    FuzzInput.require(input.status == 401, "a token error that is not a 401")
  }
  return 0
}
