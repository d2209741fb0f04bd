import Verification

/// Holds the Finicity token shared by all concurrent calls.
///
/// At most one token request is in flight; callers arriving meanwhile wait for it. A token is
/// renewed once older than the configured age. A token request the provider rejects (bad partner
/// credentials or app key) latches the store shut: five failed token requests lock the real
/// partner account, so no further token request is made until ``reopen()`` is called.
actor FinicityTokenStore {
  enum Result: Sendable {
    case token(Secret)
    case failed(CallOutcome<Never>)
  }

  private let fetch: @Sendable () async -> Result
  private let renewAfter: Duration
  private let time: TimeSource
  private var cached: (token: Secret, obtainedAt: Duration)?
  private var inFlight: Task<Result, Never>?
  private var latched: CallOutcome<Never>?
  /// Token requests made so far.
  private(set) var requestsMade = 0

  init(renewAfter: Duration, time: TimeSource, fetch: @escaping @Sendable () async -> Result) {
    self.renewAfter = renewAfter
    self.time = time
    self.fetch = fetch
  }

  /// A token young enough to use, making one if needed (one request at a time).
  func validToken() async -> Result {
    if let latched { return .failed(latched) }
    if let cached, time.now() - cached.obtainedAt < renewAfter { return .token(cached.token) }
    if let inFlight { return await inFlight.value }
    requestsMade += 1
    let task = Task { await fetch() }
    inFlight = task
    let result = await task.value
    inFlight = nil
    switch result {
    case .token(let token):
      cached = (token, time.now())
    case .failed(let outcome):
      if case .permanentFailure = outcome { latched = outcome }
    }
    return result
  }

  /// Forgets `token` if it is still the cached one (after a 401 token error).
  func invalidate(_ token: Secret) {
    if cached?.token == token { cached = nil }
  }

  /// Allows token requests again after credentials were fixed.
  func reopen() {
    latched = nil
  }
}
