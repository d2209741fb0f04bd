/// Why a call should be retried later.
public enum RetryReason: Sendable, Hashable, CustomStringConvertible {
  /// HTTP 429 without a body.
  case rateLimited
  /// A provider throttle code in a 400 (Finicity 3300001 or 3000000).
  case throttled(code: String)
  /// An HTTP 5xx status.
  case serverError(status: Int)
  /// The connect or total timeout elapsed.
  case timeout
  /// The connection failed, was refused or was reset.
  case connectionFailed
  /// A success status whose body could not be decoded.
  case malformedResponse
  /// The response body was larger than the configured bound.
  case responseTooLarge
  /// Any other provider answer judged transient (for instance a token call that failed transiently).
  case other(String)

  public var description: String {
    switch self {
    case .rateLimited: return "rate limited (429)"
    case .throttled(let code): return "provider throttled (code \(code))"
    case .serverError(let status): return "server error (\(status))"
    case .timeout: return "timeout"
    case .connectionFailed: return "connection failed"
    case .malformedResponse: return "malformed response body"
    case .responseTooLarge: return "response too large"
    case .other(let text): return text
    }
  }
}

/// Why the provider's state must be read before acting.
public enum ReconcileReason: Sendable, Hashable, CustomStringConvertible {
  /// Finicity 3100001 (or 409): the account was already initiated; find it, never send again.
  case accountAlreadyExists(code: String)
  /// Finicity 3200002: the micro entries are in another status; re-read the details.
  case entriesInOtherStatus(code: String, message: String?)

  public var description: String {
    switch self {
    case .accountAlreadyExists(let code): return "account already exists (code \(code))"
    case .entriesInOtherStatus(let code, let message):
      return "micro entries in another status (code \(code)): \(message ?? "")"
    }
  }
}

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

  public var description: String {
    "\(kind.rawValue) (status \(httpStatus.map(String.init) ?? "none"), code \(code ?? "none")): \(message ?? "")"
  }
}
