/// Why a provider call is refused before its handler reads it (see ``SandboxRequestRules``).
enum SandboxRequestProblem: Sendable, Equatable {
  /// The body is longer than ``SandboxRequestRules/bodyLimit``.
  case bodyTooLarge
  /// A malformed escape, bytes that are not UTF-8, or a parameter given twice in the query.
  case malformedQuery
  /// A call whose body must be JSON came without `Content-Type: application/json`.
  case notJSONContentType
  /// Arrays and objects nest deeper than ``SandboxRequestRules/maxJSONDepth``.
  case nestedTooDeep

  /// The provider's documented 400 for this problem, the reason in the message.
  func response(for provider: SandboxProvider) -> SandboxResponse {
    switch self {
    case .bodyTooLarge:
      provider.unreadable("Request body larger than \(SandboxRequestRules.bodyLimit) bytes")
    case .malformedQuery: provider.unreadable("Malformed query string")
    case .notJSONContentType: provider.unreadable("Content-Type must be application/json")
    case .nestedTooDeep:
      provider.unreadable("JSON nested deeper than \(SandboxRequestRules.maxJSONDepth) levels")
    }
  }
}
