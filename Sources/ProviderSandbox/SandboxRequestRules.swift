/// The shape every provider call must have before a handler reads it: one place for the rules.
///
/// The order of checks is: the path (``segments(of:)``; an odd one names no resource: the
/// provider's 404, as does a method no endpoint takes), then ``problem(in:)`` (the provider's
/// documented 400), then the credentials (each provider's own), then the handler's own checks.
/// Calls whose body must be JSON are the `POST` and `PUT` ones (every such call of both providers
/// takes JSON); a `GET`'s body is ignored but still limited.
enum SandboxRequestRules {
  /// Largest body read, 1 MiB; a longer one is refused, never half read.
  static let bodyLimit = 1 << 20
  /// Deepest nesting of arrays and objects accepted (the providers' bodies nest 2 levels).
  static let maxJSONDepth = 32
  /// Longest path served; a longer one is not a resource.
  static let maxPathBytes = 2048

  /// The percent-decoded segments of `path`, or `nil` when it cannot name a resource: not
  /// starting with `/`, longer than ``maxPathBytes``, an empty segment (`//`, a trailing `/`),
  /// a `.` or `..` segment, a malformed escape, bytes that are not UTF-8, or a decoded `/` or
  /// control character (`%2F`, `%00`).
  static func segments(of path: String) -> [String]? {
    guard path.utf8.count <= maxPathBytes, path.hasPrefix("/") else { return nil }
    var segments: [String] = []
    for raw in path.utf8.dropFirst().split(
      separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    {
      guard let segment = SandboxPercentDecoding.decode(Substring(raw), plusIsSpace: false),
        !segment.isEmpty, segment != ".", segment != "..",
        !segment.unicodeScalars.contains(where: {
          $0 == "/" || $0.properties.generalCategory == .control
        })
      else { return nil }
      segments.append(segment)
    }
    return segments
  }

  /// Why `request` cannot be read, or `nil` when it has the shape of a provider call.
  static func problem(in request: SandboxRequest) -> SandboxRequestProblem? {
    if request.bodyTooLarge { return .bodyTooLarge }
    if SandboxQuery(request.query) == nil { return .malformedQuery }
    guard request.method == "POST" || request.method == "PUT" else { return nil }
    guard isJSON(contentType: request.header("content-type")) else { return .notJSONContentType }
    if nestsDeeper(request.body, than: maxJSONDepth) { return .nestedTooDeep }
    return nil
  }

  /// `application/json`, any case, with no parameter but `charset=utf-8` (Finicity's and
  /// Folio's documented type; JSON is UTF-8).
  static func isJSON(contentType: String?) -> Bool {
    guard let contentType else { return false }
    let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
    guard trimmed(parts[0]).lowercased() == "application/json" else { return false }
    return parts.dropFirst().allSatisfy { parameter in
      if trimmed(parameter).isEmpty { return true }  // a stray `;`
      let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair.count == 2, trimmed(pair[0]).lowercased() == "charset" else { return false }
      let value = trimmed(pair[1]).lowercased()
      return value == "utf-8" || value == "\"utf-8\""
    }
  }

  /// Whether arrays and objects in `body` nest deeper than `limit` (brackets inside strings do
  /// not count). A linear scan, so no parser ever recurses on a hostile body.
  static func nestsDeeper(_ body: [UInt8], than limit: Int) -> Bool {
    var depth = 0
    var inString = false
    var escaped = false
    for byte in body {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth > limit { return true }
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
    }
    return false
  }

  /// `text` without leading and trailing spaces and tabs.
  private static func trimmed(_ text: Substring) -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let start = text.firstIndex(where: { !isSpace($0) }),
      let end = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return text[start...end]
  }
}
