import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends one JSON line per provider exchange, for the contract check (`scripts/contract-check`).
///
/// Secrets, account numbers and amounts are replaced by placeholders of the same shape, so the
/// records still validate against the schema: secret header values, the partner secret and the
/// token in the token answer by `REDACTED`; a receiver account number by zeros and its last four
/// characters (`12345678` → `00005678`); Finicity verify amounts by `0.01` (numbers stay
/// numbers) and Folio `md1`/`md2` by `0.01` with the same number of decimals.
final class SandboxCapture: Sendable {
  private let handle: Mutex<FileHandle>

  /// Opens `path` for appending (O_APPEND, so several sandboxes may share one file line by line).
  init?(path: String) {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard fd >= 0 else { return nil }
    self.handle = Mutex(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
  }

  static let secretHeaders: Set<String> = [
    "finicity-app-key", "finicity-app-token", "authorization",
  ]

  func record(
    _ request: SandboxRequest, response: SandboxResponse?, injected: String?,
    afterEffect: Bool = false
  ) {
    var headers: [String: String] = [:]
    for (name, value) in request.headers {
      headers[name] = Self.secretHeaders.contains(name) ? "REDACTED" : value
    }
    var requestBody: Any = NSNull()
    if !request.body.isEmpty {
      if let object = jsonObject(request.body) {
        requestBody = Self.redactedRequest(object)
      } else {
        requestBody = ["_raw": String(decoding: request.body, as: UTF8.self)]
      }
    }
    var record: [String: Any] = [
      "method": request.method, "path": request.path, "query": request.query,
      "requestHeaders": headers, "requestBody": requestBody, "injected": injected ?? NSNull(),
      "afterEffect": afterEffect,
    ]
    if let response {
      record["status"] = response.status
      record["responseContentType"] =
        response.headers.first { $0.0.lowercased() == "content-type" }?.1 ?? NSNull()
      record["responseBody"] = Self.redactedResponse(response.body)
    }
    guard var line = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    else { return }
    line.append(0x0A)
    handle.withLock { $0.write(line) }
  }

  /// The request body with its secret, account number and amounts replaced (same shapes).
  static func redactedRequest(_ body: [String: Any]) -> [String: Any] {
    var object = body
    if object["partnerSecret"] != nil { object["partnerSecret"] = "REDACTED" }
    if var receiver = object["receiver"] as? [String: Any],
      let number = receiver["accountNumber"] as? String
    {
      receiver["accountNumber"] =
        String(repeating: "0", count: max(0, number.count - 4))
        + number.suffix(4)
      object["receiver"] = receiver
    }
    if let amounts = object["amounts"] as? [Any] {
      // Numbers stay numbers and anything else stays a string, so type errors still show.
      object["amounts"] = amounts.map { value -> Any in
        value is NSNumber && !(value is Bool) ? 0.01 : "REDACTED"
      }
    }
    for key in ["md1", "md2"] {
      if let text = object[key] as? String {
        let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 2
        object[key] = "0.01" + String(repeating: "0", count: max(0, decimals - 2))
      }
    }
    return object
  }

  /// The response body as text, with a token answer's token replaced.
  static func redactedResponse(_ body: [UInt8]) -> String {
    if var object = jsonObject(body), object["token"] is String {
      object["token"] = "REDACTED"
      if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
        return String(decoding: data, as: UTF8.self)
      }
    }
    return String(decoding: body, as: UTF8.self)
  }
}
