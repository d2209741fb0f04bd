/// The status of micro entries.
public enum MicroEntryStatus: Sendable, Hashable {
  case pending, completed, verified, rejected, returned, failed, expired
  /// A status this client does not know, kept verbatim.
  case unknown(String)

  /// Reads Finicity's status text.
  public init(_ text: String) {
    switch text {
    case "Pending": self = .pending
    case "Completed": self = .completed
    case "Verified": self = .verified
    case "Rejected": self = .rejected
    case "Returned": self = .returned
    case "Failed": self = .failed
    case "Expired": self = .expired
    default: self = .unknown(text)
    }
  }
}
