import Foundation

/// The sandbox's state and behaviour, independent of the HTTP server (which only carries bytes).
public actor SandboxEngine {
  let configuration: SandboxConfiguration
  var faults: SandboxFaults
  var random: SandboxRandom
  var clockOffset: TimeInterval = 0
  var tokens: [String: Date] = [:]
  var accounts: [String: FinicitySandboxAccount] = [:]
  var accountIdsByReceiver: [String: String] = [:]
  var nextAccountId: Int64 = 5_011_648_377
  var bankLinks: [String: FolioSandboxBankLink] = [:]
  var counters = SandboxCounters()
  var rateWindow: (second: Int64, count: Int) = (0, 0)
  /// 401 answers queued by the control API for the next Finicity calls (codes, or `text`).
  var queuedAuthFailures: [String] = []
  /// The last provider request received (control API `GET /_sandbox/requests/last`).
  var lastRequest: SandboxRequest?
  /// What the webhook receiver took (`GET /_sandbox/webhooks`), oldest first.
  var webhookArrivals: [SandboxWebhookArrival] = []
  /// How the webhook receiver misbehaves.
  var webhookFaults = SandboxWebhookFaults()
  let capture: SandboxCapture?

  /// Creates an engine; opens the capture file when configured.
  public init(configuration: SandboxConfiguration) {
    self.configuration = configuration
    self.faults = configuration.faults.clamped()
    self.random = SandboxRandom(seed: configuration.seed)
    self.capture = configuration.capturePath.flatMap { SandboxCapture(path: $0) }
  }

  /// The sandbox's notion of now (real time plus any offset set through the control API).
  var now: Date { Date().addingTimeInterval(clockOffset) }

  /// Decides the answer to one request.
  public func handle(_ request: SandboxRequest) -> SandboxPlan {
    if request.method == "POST", request.path == "/_sandbox/webhooks" {
      return receiveWebhook(request)
    }
    if request.path.hasPrefix("/_sandbox/") {
      return SandboxPlan(delay: .zero, action: .respond(control(request)))
    }
    counters.requestsTotal += 1
    lastRequest = request
    let delay = drawLatency()
    if let (name, action) = drawFault(for: request) {
      counters.faultsInjected[name, default: 0] += 1
      // After-effect faults let the request take effect first; only the answer is lost.
      let afterEffect = faults.afterEffect && Self.losesTheAnswer(name)
      if afterEffect { _ = route(request) }
      if case .respond(let response) = action {
        count(response.status)
        capture?.record(request, response: response, injected: name, afterEffect: afterEffect)
      } else {
        capture?.record(request, response: nil, injected: name, afterEffect: afterEffect)
      }
      return SandboxPlan(delay: delay, action: action)
    }
    let response = route(request)
    count(response.status)
    capture?.record(request, response: response, injected: nil)
    return SandboxPlan(delay: delay, action: .respond(response))
  }

  func count(_ status: Int) {
    counters.requestsByStatus[String(status), default: 0] += 1
    if status == 429 { counters.rateLimited429 += 1 }
  }

  /// Answers a provider call: an odd path or one no endpoint serves is the provider's 404 (see
  /// ``SandboxEndpoint``); then a request the provider cannot read is its documented 400
  /// (``SandboxRequestRules/problem(in:)``), before credentials or anything else in it is looked
  /// at (a Folio signature covers a body too large to keep); then the credentials; then the call.
  func route(_ request: SandboxRequest) -> SandboxResponse {
    let provider = SandboxProvider(path: request.path)
    guard let segments = SandboxRequestRules.segments(of: request.path),
      let endpoint = SandboxEndpoint(method: request.method, segments: segments)
    else { return provider.notFound }
    if let problem = SandboxRequestRules.problem(in: request) {
      return problem.response(for: provider)
    }
    switch endpoint {
    case .token:
      return createToken(request)
    case .initiate(let customerId):
      return withFinicityAuth(request) { initiate(request, customerId: customerId) }
    case .details(let customerId, let accountId):
      return withFinicityAuth(request) { details(customerId: customerId, accountId: accountId) }
    case .verify(let customerId, let accountId):
      return withFinicityAuth(request) {
        verify(request, customerId: customerId, accountId: accountId)
      }
    case .customerAccounts(let customerId):
      return withFinicityAuth(request) { customerAccounts(request, customerId: customerId) }
    case .folioVerify(let accountNumber, let bankLinkOid):
      return withFolioAuth(request) {
        folioVerify(request, accountNumber: accountNumber, bankLinkOid: bankLinkOid)
      }
    case .folioBankLink(let accountNumber, let bankLinkOid):
      return withFolioAuth(request) {
        folioBankLink(accountNumber: accountNumber, bankLinkOid: bankLinkOid)
      }
    }
  }

  /// Resets all state, counters and faults to the configured start.
  func reset() {
    faults = configuration.faults.clamped()
    random = SandboxRandom(seed: configuration.seed)
    clockOffset = 0
    tokens = [:]
    accounts = [:]
    accountIdsByReceiver = [:]
    nextAccountId = 5_011_648_377
    bankLinks = [:]
    counters = SandboxCounters()
    rateWindow = (0, 0)
    queuedAuthFailures = []
    lastRequest = nil
    webhookArrivals = []
    webhookFaults = SandboxWebhookFaults()
  }
}
