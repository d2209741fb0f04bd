import Foundation

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
