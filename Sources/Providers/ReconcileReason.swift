/// Why the provider's state must be read before acting.
public enum ReconcileReason: Sendable, Hashable, CustomStringConvertible {
  /// Finicity 3100001 (or 409): the account was already initiated; find it, never send again.
  case accountAlreadyExists(code: String)
  /// Finicity 3200002: the micro entries are in another status; re-read the details.
  case entriesInOtherStatus(code: String, message: String?)
  /// A call that moves money (Finicity initiate or verify, Folio verify) got a success status
  /// whose body could not be decoded: the call probably took effect. Read the provider's state
  /// (AVA account list, details, bank link) before sending anything again.
  case outcomeUnknown

  /// A short human-readable text, safe for logs.
  public var description: String {
    switch self {
    case .accountAlreadyExists(let code): return "account already exists (code \(code))"
    case .entriesInOtherStatus(let code, let message):
      return "micro entries in another status (code \(code)): \(message ?? "")"
    case .outcomeUnknown:
      return "outcome unknown (success status, undecodable body)"
    }
  }
}
