import Foundation
import Logging
import Verification

/// Client of Finicity's micro entries (Account Validation Assistance).
///
/// Every call waits for its permit, uses the shared token, retries once with a new token on
/// a 401 token error, and returns a ``CallOutcome``.
public final class FinicityClient: Sendable {
  let configuration: FinicityConfiguration
  let http: ProviderHTTPClient
  let permits: (any CallPermits)?
  let logger: Logger
  let tokens: FinicityTokenStore

  /// Creates a client over the shared HTTP client.
  public init(
    configuration: FinicityConfiguration,
    http: ProviderHTTPClient,
    permits: (any CallPermits)? = nil,
    time: TimeSource = .system,
    logger: Logger = Logger(label: "verifierd.providers.finicity")
  ) {
    self.configuration = configuration
    self.http = http
    self.permits = permits
    self.logger = logger
    let fetcher = FinicityTokenFetcher(configuration: configuration, http: http, logger: logger)
    self.tokens = FinicityTokenStore(renewAfter: configuration.tokenRenewAfter, time: time) {
      await fetcher.fetch()
    }
  }

  /// Token requests made so far by this client (for tests and metrics).
  public var tokenRequestsMade: Int {
    get async { await tokens.requestsMade }
  }

  /// Allows token requests again after the partner credentials were rejected and then fixed.
  public func reopenTokenRequests() async {
    await tokens.reopen()
  }

  /// Sends the two micro entries (`POST /microentry/v1/customers/{customerId}`). Moves money:
  /// after `retryLater` or `reconcile`, search the AVA accounts before initiating again.
  /// `permit`: one asked for ahead (``earlyPermit(_:)``), spent on the first attempt.
  public func initiate(_ request: InitiationRequest, permit: EarlyPermit? = nil) async
    -> CallOutcome<InitiatedAccount>
  {
    let body: [UInt8]
    do { body = Array(try JSONEncoder().encode(FinicityWire.Initiation(request))) } catch {
      return .permanentFailure(CallFailure(kind: .invalidRequest, message: "unencodable request"))
    }
    let outcome: CallOutcome<FinicityWire.Initiated> = await call(
      "POST", "/microentry/v1/customers/\(request.customerID.pathSegment)", body: body,
      movesMoney: true, permit: permit)
    return outcome.map(\.domain)
  }

  /// Reads the micro entries' status (`GET /microentry/v1/customers/{customerId}/accounts/{accountId}`).
  /// `priority`: the read's class when permits are scarce (a poll, a watch, or a reconciliation).
  public func details(customerId: String, accountId: String, priority: CallPriority = .poll)
    async -> CallOutcome<MicroEntryDetails>
  {
    let outcome: CallOutcome<FinicityWire.Details> = await call(
      "GET", "/microentry/v1/customers/\(customerId.pathSegment)/accounts/\(accountId.pathSegment)",
      body: nil, priority: priority)
    return outcome.map(\.domain)
  }

  /// Checks the amounts the customer saw (`POST .../accounts/{accountId}/amounts`). Moves money
  /// (spends an attempt). `permit`: one asked for ahead (``earlyPermit(_:)``), spent on the
  /// first attempt.
  public func verify(
    customerId: String, accountId: String, amounts: AmountPair, permit: EarlyPermit? = nil
  ) async -> CallOutcome<VerifyAnswer> {
    let outcome: CallOutcome<FinicityWire.Verified> = await call(
      "POST",
      "/microentry/v1/customers/\(customerId.pathSegment)/accounts/\(accountId.pathSegment)/amounts",
      body: Array(amounts.finicityVerifyBody.utf8), movesMoney: true, permit: permit)
    return outcome.map(\.domain)
  }

  /// Lists the customer's AVA accounts (`GET /aggregation/v1/customers/{customerId}/accounts?account_type=ava`),
  /// the first step of an ``AccountSearch``.
  public func avaAccounts(customerId: String) async -> CallOutcome<[CustomerAccount]> {
    let outcome: CallOutcome<FinicityWire.Accounts> = await call(
      "GET", "/aggregation/v1/customers/\(customerId.pathSegment)/accounts?account_type=ava",
      body: nil
    )
    return outcome.map { $0.accounts.map(\.domain) }
  }

  /// Starts asking for a permit in class `priority` ahead of the call it is for.
  public func earlyPermit(_ priority: CallPriority) -> EarlyPermit {
    EarlyPermit(permits: permits, priority: priority)
  }

  /// One logical call: rate limit (as `priority`), token, send, one retry after a token error,
  /// map; a refusal for the provider's limit is reported to the limiter.
  ///
  /// `movesMoney`: an undecodable 2xx answer is ``ReconcileCause/outcomeUnknown`` (the call
  /// probably took effect) rather than a retry. `early`: the first attempt's permit, asked for
  /// ahead.
  func call<Body: Decodable & Sendable & Hashable>(
    _ method: String, _ pathAndQuery: String, body: [UInt8]?, movesMoney: Bool = false,
    priority: CallPriority = .money, permit early: EarlyPermit? = nil
  ) async -> CallOutcome<Body> {
    for attempt in 0..<2 {
      let granted =
        if attempt == 0, let early { await early.wait() } else { await permits.permit(priority) }
      guard let permit = granted else {
        return .retryLater(after: nil, reason: .cancelledWhileRateLimited)
      }
      let token: Secret
      switch await tokens.validToken() {
      case .token(let value): token = value
      case .failed(let outcome):
        await permits?.report(outcome, permit: permit)
        return outcome.promoted()
      }
      let answer = await http.send(request(method, pathAndQuery, token: token, body: body))
      switch read(
        answer, as: Body.self, method: method, movesMoney: movesMoney, renewable: attempt == 0)
      {
      case .finished(let outcome):
        return outcome
      case .refused(let outcome):
        await permits?.report(outcome, permit: permit)
        return outcome.promoted()
      case .tokenRejected:
        logger.info("finicity token rejected; renewing once")
        await tokens.invalidate(token)
        continue
      }
    }
    return .permanentFailure(
      CallFailure(kind: .authentication, httpStatus: 401, message: "token rejected twice"))
  }
}
