import Foundation
import ProviderSandbox
import Testing
import Verification

@testable import Providers

/// A sandbox on 127.0.0.1 and clients pointed at it; always torn down by ``withHarness``.
struct Harness {
  let server: ProviderSandboxServer
  let http: ProviderHTTPClient
  let finicity: FinicityClient
  let folio: FolioClient
  let time: ManualTimeSource

  static let appKey = "sandbox-app-key"
  static let partnerId = "1234583871234"
  static let partnerSecret = "sandbox-partner-secret"
  static let folioKey = "sandbox-folio-key"
  static let folioSecret = "sandbox-folio-secret"

  /// Sends a control API request and returns the decoded JSON object.
  @discardableResult
  func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws
    -> [String: Any]
  {
    let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
    let request = OutgoingRequest(
      method: method, url: server.baseURL + path, headers: [], body: data.map { Array($0) })
    guard case .response(let response) = await http.send(request) else {
      throw HarnessError.controlFailed(path)
    }
    guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    else {
      throw HarnessError.controlFailed(path)
    }
    return object
  }

  /// Sets sandbox faults from a partial JSON object.
  func setFaults(_ faults: [String: Any]) async throws {
    try await control("PUT", "/_sandbox/faults", faults)
  }

  /// The sandbox's totals.
  func counters() async throws -> [String: Any] { try await control("GET", "/_sandbox/counters") }

  /// One integer counter of the sandbox's totals.
  func counter(_ name: String) async throws -> Int? { try await counters()[name] as? Int }

  /// An account's amounts as a pair, read through the control API.
  func amounts(of accountId: String) async throws -> AmountPair {
    let report = try await control("GET", "/_sandbox/finicity/accounts/\(accountId)")
    let cents = try #require(report["amountsCents"] as? [Int])
    return try #require(AmountPair(cents: cents[0], cents[1]))
  }
}

/// Runs `body` with a fresh sandbox and clients, then shuts both down even when `body` throws.
///
/// The default timeouts are generous so setup calls survive a loaded machine; a test shortens
/// only the call under test (`ProviderHTTPClient.$requestTimeoutOverride`).
func withHarness(
  sandbox: SandboxConfiguration = SandboxConfiguration(),
  http httpConfiguration: ProviderHTTPConfiguration = ProviderHTTPConfiguration(
    connectTimeout: .seconds(10), requestTimeout: .seconds(30)),
  partnerSecret: String = Harness.partnerSecret,
  appKey: String = Harness.appKey,
  folioSecret: String = Harness.folioSecret,
  _ body: (Harness) async throws -> Void
) async throws {
  var configuration = sandbox
  configuration.capturePath =
    configuration.capturePath ?? ProcessInfo.processInfo.environment["SANDBOX_CAPTURE"]
  let server = try await ProviderSandboxServer.start(configuration)
  let http = ProviderHTTPClient(configuration: httpConfiguration)
  let time = ManualTimeSource()
  let finicity = FinicityClient(
    configuration: FinicityConfiguration(
      baseURL: server.baseURL, partnerId: Harness.partnerId, partnerSecret: Secret(partnerSecret),
      appKey: Secret(appKey)),
    http: http, time: time.timeSource)
  let folio = FolioClient(
    configuration: FolioConfiguration(baseURL: server.baseURL), http: http,
    signer: FolioSigner(apiKey: Harness.folioKey, sharedSecret: Secret(folioSecret)))
  let harness = Harness(server: server, http: http, finicity: finicity, folio: folio, time: time)
  do {
    try await body(harness)
  } catch {
    try await http.shutdown()
    await server.stop()
    throw error
  }
  try await http.shutdown()
  await server.stop()
}

/// A receiving account with a valid routing number (by default) and the given account number.
struct TestReceiver {
  var accountNumber: String
  var routing: String
}

/// A receiver with a valid routing number and the given account number.
func receiver(_ accountNumber: String, routing: String = "021000021") -> TestReceiver {
  TestReceiver(accountNumber: accountNumber, routing: routing)
}

extension FinicityClient {
  /// Initiates for `customerId` to `receiver`, as the daemon's request would.
  func initiate(customerId: String, _ receiver: TestReceiver) async -> CallOutcome<
    InitiatedAccount
  > {
    await initiate(
      InitiationRequest(
        customerID: customerId, routingNumber: receiver.routing,
        accountNumber: AccountNumber(receiver.accountNumber), accountType: .personalChecking,
        receiverName: "Bob Smith", attemptID: AttemptID(rawValue: "test-attempt")))
  }
}

/// Initiates and returns the new account id, failing the test otherwise.
func initiated(_ harness: Harness, _ accountNumber: String, customer: String = "1005061234")
  async throws -> String
{
  let outcome = await harness.finicity.initiate(customerId: customer, receiver(accountNumber))
  guard case .success(let body) = outcome else {
    Issue.record("initiate failed: \(outcome)")
    throw HarnessError.controlFailed("initiate")
  }
  return body.accountID
}

/// A short text naming an outcome's case, for equality checks in tests.
func label<T>(_ outcome: CallOutcome<T>) -> String {
  switch outcome {
  case .success: return "success"
  case .retryLater(let after, let reason):
    return "retryLater(\(after.map { "\($0)" } ?? "nil"), \(reason))"
  case .reconcile(let reason): return "reconcile(\(reason))"
  case .wrongAmounts(let remaining): return "wrongAmounts(\(remaining.map(String.init) ?? "nil"))"
  case .attemptsExhausted: return "attemptsExhausted"
  case .permanentFailure(let failure):
    return "permanent(\(failure.kind.rawValue), \(failure.code ?? "nil"))"
  }
}
