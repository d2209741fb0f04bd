import Configuration
import Foundation
import Observability
import Synchronization

extension ConfigurationLoader {
  /// Why `value` is not acceptable for `key`, or `nil` when it is. Values are not secret here
  /// (secrets are never range-checked), so the message may quote them.
  static func check(_ key: ConfigurationKey, _ value: any Sendable) -> String? {
    switch key.kind {
    case .integer(let range):
      guard let int = value as? Int, range.contains(int) else {
        return "must be \(key.kind.expectation), not \(value)"
      }
    case .seconds(let range):
      guard let number = value as? Double, number.isFinite, range.contains(number) else {
        return "must be \(key.kind.expectation), not \(value)"
      }
    case .secondsList(let range):
      guard let list = value as? [Double], list.allSatisfy({ $0.isFinite && range.contains($0) })
      else { return "must be \(key.kind.expectation)" }
    case .rate(let maximum):
      // A zero would switch rate limiting off without a word.
      guard let number = value as? Double, number.isFinite, number > 0, number <= maximum else {
        return "must be \(key.kind.expectation), not \(value)"
      }
    case .choice(let words):
      guard let word = value as? String, words.contains(word) else {
        return "must be \(key.kind.expectation), not \(value)"
      }
    case .loopbackAddress:
      guard let text = value as? String, text.isEmpty || LoopbackAddress(text) != nil else {
        return "must be \(key.kind.expectation) (127.0.0.1:9464, [::1]:9464, localhost:9464), "
          + "not \(value)"
      }
    case .boolean, .text, .secret:
      break
    }
    return nil
  }
}

/// `host:port` with a loopback host: metrics and health endpoints are never exposed beyond the
/// machine.
public struct LoopbackAddress: Sendable, Equatable {
  /// The host as given (`127.0.0.1`, `::1`, `localhost`).
  public var host: String
  /// The port (0 lets the system choose).
  public var port: Int

  /// Parses `127.0.0.1:9464`, `[::1]:9464` or `localhost:9464`; `nil` for anything else.
  public init?(_ text: String) {
    let host: Substring
    let port: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
        return nil
      }
      host = text[text.index(after: text.startIndex)..<close]
      port = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      host = text[..<colon]
      port = text[text.index(after: colon)...]
    }
    guard let number = Int(port), (0...65_535).contains(number),
      ObservabilityServer.isLoopback(String(host))
    else { return nil }
    self.host = String(host)
    self.port = number
  }
}

/// Records whether a configuration read failed (a value of the wrong type), between two
/// ``takeFailed()`` calls.
final class AccessCollector: AccessReporter {
  private let failed = Mutex(false)

  func report(_ event: AccessEvent) {
    var bad = event.conversionError != nil
    if case .failure = event.result { bad = true }
    for result in event.providerResults {
      if case .failure = result.result { bad = true }
    }
    if bad { failed.withLock { $0 = true } }
  }

  /// Whether a read failed since the last call; resets.
  func takeFailed() -> Bool {
    failed.withLock { value in
      defer { value = false }
      return value
    }
  }
}

/// The keys a JSON configuration file sets, checked against the catalogue: an unknown key (a
/// typo would otherwise be ignored without a word) or a secret written into the file is a
/// problem.
enum FileKeys {
  /// The keys set (`nil` when the file cannot be read or is not a JSON object) and the problems.
  static func read(path: String) -> (Set<String>?, [String]) {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      return (nil, ["the configuration file \(path) cannot be read"])
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return (nil, ["the configuration file \(path) is not a JSON object"])
    }
    var keys: Set<String> = []
    flatten(object, prefix: "", into: &keys)
    var problems: [String] = []
    for name in keys.sorted() {
      guard let key = ConfigurationKey.named(name) else {
        problems.append("\(name) (file): not a known key")
        continue
      }
      if key.isSecret {
        problems.append(
          "\(name) (file): secrets are never read from the file; use the credential "
            + "\(key.credentialName ?? "") or \(key.environmentName)")
      }
    }
    return (keys, problems)
  }

  /// Dotted names of the leaves (`null` leaves count as absent).
  static func flatten(_ object: [String: Any], prefix: String, into keys: inout Set<String>) {
    for (name, value) in object {
      let dotted = prefix.isEmpty ? name : "\(prefix).\(name)"
      if let nested = value as? [String: Any] {
        flatten(nested, prefix: dotted, into: &keys)
      } else if !(value is NSNull) {
        keys.insert(dotted)
      }
    }
  }
}

/// Checked values, nested by their dotted names, decoded into a ``ConfigurationFile``.
struct ValueTree {
  private var root: [String: Any] = [:]

  mutating func set(_ name: String, _ value: any Sendable) {
    Self.insert(value, at: name.split(separator: ".").map(String.init)[...], into: &root)
  }

  private static func insert(
    _ value: Any, at path: ArraySlice<String>, into node: inout [String: Any]
  ) {
    guard let first = path.first else { return }
    if path.count == 1 {
      node[first] = value
    } else {
      var child = node[first] as? [String: Any] ?? [:]
      insert(value, at: path.dropFirst(), into: &child)
      node[first] = child
    }
  }

  /// The values in ``ConfigurationFile``'s shape.
  func decoded() throws -> ConfigurationFile {
    try ConfigurationFile.decode(JSONSerialization.data(withJSONObject: root))
  }

  /// A value by dotted name, if set.
  func value(_ name: String) -> Any? {
    var node: Any? = root
    for part in name.split(separator: ".") { node = (node as? [String: Any])?[String(part)] }
    return node
  }
}
