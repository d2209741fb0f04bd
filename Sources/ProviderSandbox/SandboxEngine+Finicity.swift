import Foundation

extension SandboxEngine {
  static let accountTypes: Set<String> = [
    "personalChecking", "businessChecking", "personalSavings", "businessSavings", "checking",
    "savings",
  ]

  /// Checks `Finicity-App-Key` and `Finicity-App-Token` as Finicity does, then runs `body`.
  func withFinicityAuth(_ request: SandboxRequest, _ body: () -> SandboxResponse) -> SandboxResponse
  {
    if !queuedAuthFailures.isEmpty { return Self.authFailure(queuedAuthFailures.removeFirst()) }
    if let failure = checkAppKey(request) { return failure }
    guard let token = request.header("finicity-app-token"), !token.isEmpty else {
      return .finicityError(401, code: "10024", "Missing parameter (Finicity-App-Token)")
    }
    guard let expiry = tokens[token] else {
      return .finicityError(401, code: "10022", "Invalid (Finicity-App-Token)")
    }
    guard now < expiry else {
      return .finicityError(401, code: "10023", "Expired (Finicity-App-Token)")
    }
    return body()
  }

  /// The 401 Finicity sends for `code` (10022, 10023, 10024, 10026), or a `text/plain` 401.
  static func authFailure(_ code: String) -> SandboxResponse {
    switch code {
    case "10022": return .finicityError(401, code: code, "Invalid (Finicity-App-Token)")
    case "10023": return .finicityError(401, code: code, "Expired (Finicity-App-Token)")
    case "10024": return .finicityError(401, code: code, "Missing parameter (Finicity-App-Token)")
    case "10026": return .finicityError(401, code: code, "Missing parameter (Finicity-App-Key)")
    default: return .text(401, "Unauthorized")
    }
  }

  func checkAppKey(_ request: SandboxRequest) -> SandboxResponse? {
    guard let key = request.header("finicity-app-key"), !key.isEmpty else {
      return .finicityError(401, code: "10026", "Missing parameter (Finicity-App-Key)")
    }
    guard key == configuration.finicityAppKey else {
      return .text(401, "Invalid (Finicity-App-Key)")
    }
    return nil
  }

  func createToken(_ request: SandboxRequest) -> SandboxResponse {
    counters.tokenRequests += 1
    // The spec documents only JSON for this call's 401, so a wrong key is not answered in text here.
    if request.header("finicity-app-key").map({ !$0.isEmpty && $0 != configuration.finicityAppKey })
      == true
    {
      return .finicityError(401, code: "10001", "Invalid credentials")
    }
    if let failure = checkAppKey(request) { return failure }
    guard let body = jsonObject(request.body), let partnerId = body["partnerId"] as? String,
      let secret = body["partnerSecret"] as? String
    else { return .finicityError(400, code: "14020", "Bad request.") }
    guard partnerId == configuration.finicityPartnerId,
      secret == configuration.finicityPartnerSecret
    else {
      return .finicityError(401, code: "10001", "Invalid credentials")
    }
    let token = randomText(20)
    tokens[token] = now.addingTimeInterval(configuration.tokenLifetime.timeInterval)
    return .accessToken(token)
  }

  func customerNotFound(_ customerId: String) -> SandboxResponse? {
    customerId.hasPrefix("404") ? .finicityError(404, code: "14001", "Customer not found.") : nil
  }

  func initiate(_ request: SandboxRequest, customerId: String) -> SandboxResponse {
    counters.finicityInitiateRequests += 1
    if let missing = customerNotFound(customerId) { return missing }
    guard let body = jsonObject(request.body), let receiver = body["receiver"] as? [String: Any],
      let routing = receiver["routingNumber"] as? String,
      let number = receiver["accountNumber"] as? String,
      let type = receiver["accountType"] as? String, let name = receiver["name"] as? String
    else { return .finicityError(400, code: "14020", "Bad request.") }
    guard Self.accountTypes.contains(type) else {
      return .finicityError(400, code: "14020", "Bad request. (Account type not supported).")
    }
    guard Self.isValidRoutingNumber(routing) else {
      return .finicityError(400, code: "20024", "Invalid routing number")
    }
    guard (4...17).contains(number.count), number.allSatisfy(\.isNumber),
      number.allSatisfy(\.isASCII)
    else {
      return .finicityError(400, code: "3000001", "Invalid account number")
    }
    if let memo = receiver["memo"] {
      guard let text = memo as? String, text.count <= 80 else {
        return .finicityError(400, code: "3000003", "Invalid memo")
      }
    }
    let plan = PlannedOutcome(accountNumber: number)
    if plan == .initiationFails {
      return .finicityError(400, code: "3200001", "Microdeposits initiation failed")
    }
    let receiverKey = routing + ":" + number
    if let existing = accountIdsByReceiver[receiverKey] {
      accounts[existing]?.initiateRequests += 1
      return .finicityError(400, code: "3100001", "Account already exist")
    }
    let accountId = String(nextAccountId)
    nextAccountId += 1
    let created = now
    let rail = plan == .instantRTP ? "rtp" : "ach"
    let delay = plan == .instantRTP ? 0 : configuration.settleDelay.timeInterval
    let amounts = [Int.random(in: 1...99, using: &random), Int.random(in: 1...99, using: &random)]
    accounts[accountId] = FinicitySandboxAccount(
      accountId: accountId, customerId: customerId, routingNumber: routing, accountNumber: number,
      accountType: type, name: name, createdAt: created,
      settleAt: created.addingTimeInterval(delay),
      amounts: amounts, status: "Pending", plan: plan, railType: rail,
      institutionLoginId: Int64.random(in: 1_000_000_000...9_999_999_999, using: &random))
    accountIdsByReceiver[receiverKey] = accountId
    counters.depositPairsSent += 1
    return .initiated(accountId: accountId, railType: rail)
  }

  func account(customerId: String, accountId: String) -> FinicitySandboxAccount? {
    guard var account = accounts[accountId], account.customerId == customerId else { return nil }
    account.refresh(now: now, expiryWindow: configuration.expiryWindow.timeInterval)
    accounts[accountId] = account
    return account
  }

  func details(customerId: String, accountId: String) -> SandboxResponse {
    if let missing = customerNotFound(customerId) { return missing }
    guard let account = account(customerId: customerId, accountId: accountId) else {
      return .finicityError(404, code: "14001", "Resource not found.")
    }
    return .details(account, creationDate: Self.noZoneDate(account.createdAt))
  }

  func verify(_ request: SandboxRequest, customerId: String, accountId: String) -> SandboxResponse {
    counters.finicityVerifyCalls += 1
    if let missing = customerNotFound(customerId) { return missing }
    guard var account = account(customerId: customerId, accountId: accountId) else {
      return .finicityError(404, code: "14001", "Resource not found.")
    }
    let result = verifyResult(request, account: &account)
    account.verifyCalls += 1
    account.verifyResults[result.label, default: 0] += 1
    accounts[accountId] = account
    return result.response
  }

  private func verifyResult(_ request: SandboxRequest, account: inout FinicitySandboxAccount) -> (
    label: String, response: SandboxResponse
  ) {
    guard let cents = Self.parseAmounts(request.body) else {
      return ("invalidFormat", .finicityError(400, code: "3000003", "Invalid amount format"))
    }
    if account.failedAttempts >= configuration.verifyAttempts {
      return (
        "attemptsExceeded",
        .finicityError(400, code: "3200003", "Microdeposit verification attempts exceeded")
      )
    }
    guard account.status == "Completed" else {
      return (
        "otherStatus",
        .finicityError(400, code: "3200002", "Microdeposit is in \(account.status) status")
      )
    }
    if cents.sorted() == account.amounts.sorted() {
      account.status = "Verified"
      return (
        "verified",
        .verified
      )
    }
    account.failedAttempts += 1
    if account.failedAttempts >= configuration.verifyAttempts {
      return (
        "attemptsExceeded",
        .finicityError(400, code: "3200003", "Microdeposit verification attempts exceeded")
      )
    }
    return (
      "didNotMatch", .finicityError(400, code: "3200004", "Microdeposit amounts didn't match")
    )
  }

  /// Built by hand, not from the generated `CustomerAccount`: the spec marks `accountNickname`
  /// required without defining it, so the generated type cannot send it.
  func customerAccounts(_ request: SandboxRequest, customerId: String) -> SandboxResponse {
    if let missing = customerNotFound(customerId) { return missing }
    if let type = request.queryItems["account_type"], type != "ava" {
      return .finicityError(400, code: "14020", "Bad request. (Account type not supported).")
    }
    let list = accounts.values.filter { $0.customerId == customerId }.sorted {
      $0.accountId < $1.accountId
    }
    let items: [[String: Any]] = list.map { account in
      let last4 = String(account.accountNumber.suffix(4))
      return [
        "id": account.accountId, "number": "xxxx" + last4, "accountNumberDisplay": last4,
        "realAccountNumberLast4": last4, "name": account.name, "accountNickname": account.name,
        "type": account.accountType.lowercased().contains("saving") ? "savings" : "checking",
        "status": account.status == "Verified" ? "active" : "pending", "customerId": customerId,
        "institutionId": "101732", "createdDate": Int64(account.createdAt.timeIntervalSince1970),
        "currency": "USD", "institutionLoginId": account.institutionLoginId,
      ]
    }
    return .json(200, ["accounts": items])
  }

  func randomText(_ length: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    return String(
      (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
  }
}
