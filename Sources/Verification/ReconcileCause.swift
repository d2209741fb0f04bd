/// Why the provider's state must be read before acting.
public enum ReconcileCause: Sendable, Hashable, CustomStringConvertible {
  /// Finicity 3100001 (or 409): the account was already initiated; find it, never send again.
  case accountAlreadyExists(code: String)
  /// Finicity 3200002: the micro entries are in another status; re-read them.
  case otherStatus(code: String, message: String?)
  /// A call that moves money got a success status whose body could not be decoded: it probably
  /// took effect. Read the provider's state before sending anything again.
  case outcomeUnknown

  /// The provider's code, when it gave one.
  public var code: String? {
    switch self {
    case .accountAlreadyExists(let code), .otherStatus(let code, _): code
    case .outcomeUnknown: nil
    }
  }

  /// A short human-readable text, safe for logs.
  public var description: String {
    switch self {
    case .accountAlreadyExists(let code): "account already exists (code \(code))"
    case .otherStatus(let code, let message):
      "micro entries in another status (code \(code)): \(message ?? "")"
    case .outcomeUnknown: "outcome unknown (success status, undecodable body)"
    }
  }
}
