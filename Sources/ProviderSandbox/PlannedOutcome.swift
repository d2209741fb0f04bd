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
