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
  let capture: SandboxCapture?

  /// Creates an engine; opens the capture file when configured.
  public init(configuration: SandboxConfiguration) {
    self.configuration = configuration
    self.faults = configuration.faults
    self.random = SandboxRandom(seed: configuration.seed)
    self.capture = configuration.capturePath.flatMap { SandboxCapture(path: $0) }
  }

  /// The sandbox's notion of now (real time plus any offset set through the control API).
  var now: Date { Date().addingTimeInterval(clockOffset) }

  /// Decides the answer to one request.
  public func handle(_ request: SandboxRequest) -> SandboxPlan {
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

  func route(_ request: SandboxRequest) -> SandboxResponse {
    let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    switch (request.method, parts.count) {
    case ("POST", 4) where parts == ["aggregation", "v2", "partners", "authentication"]:
      return createToken(request)
    case ("POST", 4) where parts[0] == "microentry" && parts[1] == "v1" && parts[2] == "customers":
      return withFinicityAuth(request) { initiate(request, customerId: parts[3]) }
    case ("GET", 6)
    where parts[0] == "microentry" && parts[1] == "v1" && parts[2] == "customers"
      && parts[4] == "accounts":
      return withFinicityAuth(request) { details(customerId: parts[3], accountId: parts[5]) }
    case ("POST", 7)
    where parts[0] == "microentry" && parts[2] == "customers" && parts[4] == "accounts"
      && parts[6] == "amounts":
      return withFinicityAuth(request) {
        verify(request, customerId: parts[3], accountId: parts[5])
      }
    case ("GET", 5)
    where parts[0] == "aggregation" && parts[1] == "v1" && parts[2] == "customers"
      && parts[4] == "accounts":
      return withFinicityAuth(request) { customerAccounts(request, customerId: parts[3]) }
    case ("PUT", 6)
    where parts[0] == "restapi" && parts[1] == "accounts" && parts[3] == "verify"
      && parts[4] == "microdeposits":
      return withFolioAuth(request) {
        folioVerify(request, accountNumber: parts[2], bankLinkOid: parts[5])
      }
    case ("GET", 5)
    where parts[0] == "restapi" && parts[1] == "accounts" && parts[3] == "achbanklinks":
      return withFolioAuth(request) {
        folioBankLink(accountNumber: parts[2], bankLinkOid: parts[4])
      }
    default:
      if parts.first == "restapi" {
        return .json(
          404, [["type": "NOT_FOUND", "errorCode": "resource.not.found", "message": "Not found"]])
      }
      return .finicityError(404, code: "14001", "Resource not found.")
    }
  }

  /// Resets all state, counters and faults to the configured start.
  func reset() {
    faults = configuration.faults
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
  }
}
