/// A provider call's query string read as a servlet container reads one, or refused.
///
/// Pairs are separated by `&`; a pair without `=` has an empty value; names and values are
/// percent-decoded (`+` is a space). Empty pairs (`&&`) and pairs with an empty name (`?=`,
/// `?=x`) are skipped, as Tomcat skips them. A malformed escape, bytes that are not UTF-8, or a
/// name given twice make the whole query malformed: the sandbox cannot know which value was meant.
struct SandboxQuery: Sendable {
  /// The parameters by decoded name.
  let items: [String: String]

  /// Parses `raw` (without the `?`); `nil` when malformed.
  init?(_ raw: String) {
    var items: [String: String] = [:]
    for pair in raw.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = SandboxPercentDecoding.decode(parts[0], plusIsSpace: true),
        let value = parts.count > 1
          ? SandboxPercentDecoding.decode(parts[1], plusIsSpace: true) : ""
      else { return nil }
      if name.isEmpty { continue }
      guard items.updateValue(value, forKey: name) == nil else { return nil }
    }
    self.items = items
  }
}
