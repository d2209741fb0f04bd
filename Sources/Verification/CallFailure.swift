/// A permanent provider failure, with the provider's code and message.
public struct CallFailure: Sendable, Hashable, CustomStringConvertible {
  /// The class of permanent failure.
  public enum Category: String, Sendable, Hashable, CaseIterable {
    /// The request was wrong (bad routing or account number, bad format, unknown customer or
    /// account): the job ends `invalid_request`.
    case invalidRequest
    /// The provider refused a well-formed request (Finicity 3200001 and the like): the job ends
    /// `provider_failed`.
    case providerRefused
    /// Our credentials or permissions are wrong: `provider_failed` plus an alert event.
    case authentication
  }

  /// The class of failure.
  public var kind: Category
  /// The HTTP status, when there was one.
  public var httpStatus: Int?
  /// The provider's code as text (Finicity numeric codes, Folio `errorCode`), when given.
  public var code: String?
  /// The provider's message, at most 200 characters (never our secrets).
  public var message: String?

  /// Creates a failure; the message is cut to 200 characters.
  public init(kind: Category, httpStatus: Int? = nil, code: String? = nil, message: String? = nil) {
    self.kind = kind
    self.httpStatus = httpStatus
    self.code = code
    self.message = message.map { String($0.prefix(200)) }
  }

  /// A short human-readable text, safe for logs.
  public var description: String {
    "\(kind.rawValue) (status \(httpStatus.map(String.init) ?? "none"), code \(code ?? "none")): \(message ?? "")"
  }
}
