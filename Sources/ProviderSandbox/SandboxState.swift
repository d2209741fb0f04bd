import Foundation

/// What a magic account number asks the sandbox to do (see MAGIC.md).
enum PlannedOutcome: String, Sendable {
  case completes
  case returned = "Returned"
  case rejected = "Rejected"
  case failed = "Failed"
  case expired = "Expired"
  case neverSettles, initiationFails, instantRTP

  /// Reads the last four digits of an account number.
  init(accountNumber: String) {
    switch accountNumber.suffix(4) {
    case "0001": self = .returned
    case "0002": self = .rejected
    case "0003": self = .failed
    case "0004": self = .expired
    case "0005": self = .neverSettles
    case "0006": self = .initiationFails
    case "0007": self = .instantRTP
    default: self = .completes
    }
  }
}

/// One Finicity micro-entry account the sandbox made.
struct FinicitySandboxAccount: Sendable {
  var accountId: String
  var customerId: String
  var routingNumber: String
  var accountNumber: String
  var accountType: String
  var name: String
  var createdAt: Date
  var settleAt: Date
  var completedAt: Date?
  var amounts: [Int]
  var status: String
  var plan: PlannedOutcome
  var railType: String
  var institutionLoginId: Int64
  var initiateRequests = 1
  var failedAttempts = 0
  var verifyCalls = 0
  var verifyResults: [String: Int] = [:]

  /// Moves the status along with time: Pending → Completed (or the planned end) → Expired.
  mutating func refresh(now: Date, expiryWindow: TimeInterval) {
    if status == "Pending", plan != .neverSettles, now >= settleAt {
      switch plan {
      case .returned, .rejected, .failed: status = plan.rawValue
      case .expired:
        status = "Expired"
      default:
        status = "Completed"
        completedAt = settleAt
      }
    }
    if status == "Completed", let completedAt, now.timeIntervalSince(completedAt) >= expiryWindow {
      status = "Expired"
    }
  }

  var statusDescription: String {
    "Micro entries are in \(status.lowercased()) status"
  }
}

/// One Folio bank link seeded through the control API.
struct FolioSandboxBankLink: Sendable {
  var bankLinkOid: String
  var accountNumber: String
  var ownerLoginId: String
  var amounts: [Int]
  var status = "A"
  var verified = false
  var failedAttempts = 0
  var verifyCalls = 0
  var verifyResults: [String: Int] = [:]

  var mdverify: String { verified ? "true" : (status == "D" ? "false" : "na") }
}

/// Totals the control API reports.
struct SandboxCounters: Sendable {
  var requestsTotal = 0
  var requestsByStatus: [String: Int] = [:]
  var rateLimited429 = 0
  var faultsInjected: [String: Int] = [:]
  var tokenRequests = 0
  var finicityInitiateRequests = 0
  var depositPairsSent = 0
  var finicityVerifyCalls = 0
  var folioVerifyCalls = 0

  var json: [String: Any] {
    [
      "requestsTotal": requestsTotal, "requestsByStatus": requestsByStatus,
      "rateLimited429": rateLimited429,
      "faultsInjected": faultsInjected, "tokenRequests": tokenRequests,
      "finicityInitiateRequests": finicityInitiateRequests, "depositPairsSent": depositPairsSent,
      "finicityVerifyCalls": finicityVerifyCalls, "folioVerifyCalls": folioVerifyCalls,
    ]
  }
}

/// Formats cents as dollars without floating point: 7 → "0.07".
func dollars(_ cents: Int) -> String {
  let rest = cents % 100
  return "\(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
}
