/// The shape a provider call's path must have before any endpoint is looked for.
enum SandboxRequestRules {
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
}
