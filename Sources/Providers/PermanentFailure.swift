/// A failure retrying cannot fix.
public struct PermanentFailure: Sendable, Hashable, CustomStringConvertible {
  /// The class of permanent failure.
  public enum Kind: String, Sendable, Hashable {
    /// The request was wrong (bad routing/account number, bad format, unknown customer or account).
    case invalidRequest
    /// The request was well formed but the provider refused it (Finicity 3200001 and the like).
    case providerRefused
    /// Our credentials or permissions are wrong (app key, partner credentials, API user). Loud.
    case authentication
  }

  /// The class of failure.
  public var kind: Kind
  /// The HTTP status, when there was one.
  public var httpStatus: Int?
  /// The provider's error code as text (Finicity numeric codes, Folio `errorCode`), when given.
  public var code: String?
  /// The provider's message, truncated; never contains our secrets.
  public var message: String?

  /// Creates a permanent failure.
  public init(kind: Kind, httpStatus: Int?, code: String?, message: String?) {
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
