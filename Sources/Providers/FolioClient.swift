import Foundation
import Logging
import Verification

/// Client of Folio's bank-link micro-deposit verification.
public final class FolioClient: Sendable {
  let configuration: FolioConfiguration
  let http: ProviderHTTPClient
  let signer: any FolioRequestSigning
  let permits: (any CallPermits)?
  let logger: Logger

  /// Creates a client over the shared HTTP client.
  public init(
    configuration: FolioConfiguration,
    http: ProviderHTTPClient,
    signer: any FolioRequestSigning,
    permits: (any CallPermits)? = nil,
    logger: Logger = Logger(label: "verifierd.providers.folio")
  ) {
    self.configuration = configuration
    self.http = http
    self.signer = signer
    self.permits = permits
    self.logger = logger
  }

  /// Verifies a bank link's two micro-deposits
  /// (`PUT /restapi/accounts/{accountNumber}/verify/microdeposits/{bankLinkOid}`). Moves money
  /// (spends an attempt): after `retryLater`, read the bank link before sending another attempt.
  /// `permit`: one asked for ahead (``earlyPermit(_:)``).
  public func verifyMicroDeposits(
    accountNumber: String, bankLinkOid: String, ownerLoginId: String, amounts: AmountPair,
    permit: EarlyPermit? = nil
  ) async -> CallOutcome<VerifyAnswer> {
    let digits = configuration.amountFractionDigits
    let request = FolioWire.VerifyBody(
      bankLinkOid: bankLinkOid, md1: amounts.first.decimalString(fractionDigits: digits),
      md2: amounts.second.decimalString(fractionDigits: digits), op: "verify_md",
      ownerLoginId: ownerLoginId)
    guard let body = try? JSONEncoder().encode(request) else {
      return .permanentFailure(CallFailure(kind: .invalidRequest, message: "unencodable request"))
    }
    let outcome: CallOutcome<FolioWire.Verification> = await call(
      "PUT",
      "/restapi/accounts/\(accountNumber.pathSegment)/verify/microdeposits/\(bankLinkOid.pathSegment)",
      body: Array(body), movesMoney: true, permit: permit)
    return outcome.map(\.domain)
  }

  /// Reads a bank link (`GET /restapi/accounts/{accountNumber}/achbanklinks/{bankLinkOid}`), to
  /// reconcile after an uncertain verify.
  public func bankLink(accountNumber: String, bankLinkOid: String) async -> CallOutcome<BankLink> {
    let outcome: CallOutcome<FolioWire.BankLinkBody> = await call(
      "GET",
      "/restapi/accounts/\(accountNumber.pathSegment)/achbanklinks/\(bankLinkOid.pathSegment)",
      body: nil)
    return outcome.map(\.domain)
  }

  /// Starts asking for a permit in class `priority` ahead of the call it is for.
  public func earlyPermit(_ priority: CallPriority) -> EarlyPermit {
    EarlyPermit(permits: permits, priority: priority)
  }

  /// One call: rate limit (as `priority`), sign, send, map; a refusal for the provider's limit
  /// is reported to the limiter. `movesMoney`: an undecodable 2xx answer is
  /// ``ReconcileCause/outcomeUnknown`` (the verify probably counted) rather than a retry.
  /// `early`: the permit, asked for ahead.
  func call<Body: Decodable & Sendable & Hashable>(
    _ method: String, _ pathAndQuery: String, body: [UInt8]?, movesMoney: Bool = false,
    priority: CallPriority = .money, permit early: EarlyPermit? = nil
  ) async -> CallOutcome<Body> {
    let granted = if let early { await early.wait() } else { await permits.permit(priority) }
    guard let permit = granted else {
      return .retryLater(after: nil, reason: .cancelledWhileRateLimited)
    }
    let headers = signer.headers(
      method: method, pathAndQuery: pathAndQuery, body: body ?? [], date: Date())
    let request = OutgoingRequest(
      method: method, url: configuration.baseURL + pathAndQuery, headers: headers, body: body)
    switch await http.send(request) {
    case .failed(let reason):
      logger.info("folio call failed", metadata: ["method": "\(method)", "reason": "\(reason)"])
      return .retryLater(after: nil, reason: reason)
    case .response(let response):
      if let success = response.successOutcome(
        as: Body.self, movesMoney: movesMoney, logger: logger, provider: "folio", method: method)
      {
        return success
      }
      let outcome = FolioOutcomeMapper.failure(response)
      await permits?.report(outcome, permit: permit)
      if case .permanentFailure(let failure) = outcome, failure.kind == .authentication {
        logger.error(
          "folio authentication or permission failure",
          metadata: ["code": "\(failure.code ?? "none")"])
      }
      return outcome.promoted()
    }
  }
}
