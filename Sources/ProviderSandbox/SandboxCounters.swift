import Foundation

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
