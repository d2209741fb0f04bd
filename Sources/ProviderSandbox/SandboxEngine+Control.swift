import Foundation

extension SandboxEngine {
  /// Largest clock move in one `POST /_sandbox/clock/advance`, about 100 years in seconds.
  static let maxClockAdvance: Double = 3_200_000_000

  /// The control API under `/_sandbox/` (see MAGIC.md for the routes).
  func control(_ request: SandboxRequest) -> SandboxResponse {
    if request.bodyTooLarge {
      return .json(400, ["error": "body larger than \(SandboxRequestRules.bodyLimit) bytes"])
    }
    let parts = Array(request.path.split(separator: "/").map(String.init).dropFirst())
    if parts.first == "webhooks", let answer = webhookControl(request, parts) { return answer }
    let body = jsonObject(request.body) ?? [:]
    switch (request.method, parts) {
    case ("POST", ["reset"]):
      reset()
      return .json(200, ["reset": true])
    case ("GET", ["counters"]):
      return .json(200, counters.json)
    case ("GET", ["requests", "last"]):
      guard let last = lastRequest else { return .json(404, ["error": "no provider request yet"]) }
      var headers: [String: String] = [:]
      for (name, value) in last.headers {
        headers[name] = SandboxCapture.secretHeaders.contains(name) ? "REDACTED" : value
      }
      return .json(
        200,
        [
          "method": last.method, "path": last.path, "headers": headers,
          "bodyBytes": last.body.count,
        ])
    case ("GET", ["faults"]):
      return encodedFaults()
    case ("PUT", ["faults"]):
      guard let decoded = try? JSONDecoder().decode(SandboxFaults.self, from: Data(request.body))
      else {
        return .json(400, ["error": "invalid faults"])
      }
      guard decoded == decoded.clamped() else {
        return .json(
          400,
          [
            "error":
              "invalid faults: times 0...\(SandboxFaults.maxMilliseconds) ms, serverErrorStatus 500...599, retryAfterSeconds >= 0"
          ])
      }
      faults = decoded
      return encodedFaults()
    case ("POST", ["clock", "advance"]):
      // Bounded, so the clock stays a date every formatter and conversion can take.
      guard let seconds = body["seconds"] as? NSNumber, !(seconds is Bool),
        abs(seconds.doubleValue) <= Self.maxClockAdvance
      else {
        return .json(400, ["error": "seconds required, at most \(Self.maxClockAdvance) either way"])
      }
      clockOffset += seconds.doubleValue
      return .json(200, ["offsetSeconds": clockOffset])
    case ("POST", ["finicity", "tokens", "revoke"]):
      let count = tokens.count
      tokens = [:]
      return .json(200, ["revoked": count])
    case ("POST", ["finicity", "auth", "reject"]):
      guard let answers = body["answers"] as? [String] else {
        return .json(400, ["error": "answers (codes or \"text\") required"])
      }
      queuedAuthFailures.append(contentsOf: answers)
      return .json(200, ["queued": queuedAuthFailures.count])
    case ("POST", ["finicity", "tokens", "expire"]):
      let past = now.addingTimeInterval(-1)
      for key in tokens.keys { tokens[key] = past }
      return .json(200, ["expired": tokens.count])
    case ("POST", ["finicity", "amounts"]):
      return finicityAmounts(body)
    case ("GET", let p) where p.count == 3 && p[0] == "finicity" && p[1] == "accounts":
      return finicityAccountReport(p[2])
    case ("POST", let p)
    where p.count == 4 && p[0] == "finicity" && p[1] == "accounts" && p[3] == "status":
      guard let status = body["status"] as? String, accounts[p[2]] != nil else {
        return .json(404, ["error": "unknown account or missing status"])
      }
      accounts[p[2]]?.status = status
      if status == "Completed" { accounts[p[2]]?.completedAt = now }
      return finicityAccountReport(p[2])
    case ("POST", ["folio", "banklinks"]):
      return seedBankLink(body)
    case ("GET", let p) where p.count == 3 && p[0] == "folio" && p[1] == "banklinks":
      return bankLinkReport(p[2])
    default:
      return .json(404, ["error": "unknown control route"])
    }
  }

  func encodedFaults() -> SandboxResponse { .encoded(faults) }

  func finicityAccountReport(_ accountId: String) -> SandboxResponse {
    guard var account = accounts[accountId] else { return .json(404, ["error": "unknown account"]) }
    account.refresh(now: now, expiryWindow: configuration.expiryWindow.timeInterval)
    accounts[accountId] = account
    return .json(
      200,
      [
        "accountId": account.accountId, "customerId": account.customerId, "status": account.status,
        "amountsCents": account.amounts, "amounts": account.amounts.map(dollars),
        "routingNumber": account.routingNumber,
        "accountNumberLast4": String(account.accountNumber.suffix(4)),
        "railType": account.railType, "initiateRequests": account.initiateRequests,
        "failedAttempts": account.failedAttempts, "verifyCalls": account.verifyCalls,
        "verifyResults": account.verifyResults,
        "initiatedAt": account.createdAt.timeIntervalSince1970,
      ])
  }

  /// The amounts in cents of many accounts at once (`{"accountIds": [...]}`); unknown ids are
  /// left out. One request for a round of customers, instead of one per account.
  func finicityAmounts(_ body: [String: Any]) -> SandboxResponse {
    guard let ids = body["accountIds"] as? [String] else {
      return .json(400, ["error": "accountIds (an array of strings) required"])
    }
    var amounts: [String: [Int]] = [:]
    for id in ids { if let account = accounts[id] { amounts[id] = account.amounts } }
    return .json(200, ["amountsCents": amounts])
  }

  func seedBankLink(_ body: [String: Any]) -> SandboxResponse {
    guard let accountNumber = body["accountNumber"] as? String,
      let owner = body["ownerLoginId"] as? String
    else {
      return .json(400, ["error": "accountNumber and ownerLoginId required"])
    }
    let oid =
      body["bankLinkOid"] as? String
      ?? String(UInt64.random(in: 1_000_000_000_000...9_999_999_999_999, using: &random))
    func cents(_ key: String) -> Int {
      if let value = (body[key] as? NSNumber)?.intValue, (1...99).contains(value) { return value }
      return Int.random(in: 1...99, using: &random)
    }
    bankLinks[oid] = FolioSandboxBankLink(
      bankLinkOid: oid, accountNumber: accountNumber, ownerLoginId: owner,
      amounts: [cents("md1Cents"), cents("md2Cents")])
    return bankLinkReport(oid)
  }

  func bankLinkReport(_ oid: String) -> SandboxResponse {
    guard let link = bankLinks[oid] else { return .json(404, ["error": "unknown bank link"]) }
    return .json(
      200,
      [
        "bankLinkOid": link.bankLinkOid, "accountNumber": link.accountNumber,
        "ownerLoginId": link.ownerLoginId,
        "amountsCents": link.amounts, "amounts": link.amounts.map(dollars), "status": link.status,
        "verified": link.verified, "failedAttempts": link.failedAttempts,
        "verifyCalls": link.verifyCalls,
        "verifyResults": link.verifyResults,
      ])
  }
}
