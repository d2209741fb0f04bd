/// Whose API a provider call is addressed to, and so in whose words it is refused.
enum SandboxProvider: Sendable {
  /// Finicity: errors are `{code, message}`.
  case finicity
  /// Folio: errors are an array of `{type, errorCode, message}`.
  case folio

  /// Folio's paths start `/restapi/`; everything else outside the control API is Finicity's.
  init(path: String) {
    self = path == "/restapi" || path.hasPrefix("/restapi/") ? .folio : .finicity
  }

  /// The answer for a path or method the provider does not serve (404, the documented status).
  var notFound: SandboxResponse {
    switch self {
    case .finicity:
      .finicityError(404, code: "14001", "Resource not found.")
    case .folio:
      .json(
        404, [["type": "NOT_FOUND", "errorCode": "resource.not.found", "message": "Not found"]])
    }
  }

  /// A 400 for a request the provider cannot read: Finicity's generic `14020`, Folio's
  /// `banklink.null.restbanklink.internal.error` ("the rest request body failed to properly
  /// convert"), each with `reason` in the message.
  func unreadable(_ reason: String) -> SandboxResponse {
    switch self {
    case .finicity:
      .finicityError(400, code: "14020", "Bad request. (\(reason)).")
    case .folio:
      SandboxEngine.folioError("banklink.null.restbanklink.internal.error", reason)
    }
  }
}
