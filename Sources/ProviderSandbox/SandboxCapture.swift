import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends one JSON line per provider exchange, for the contract check (`scripts/contract-check`).
///
/// Secret header values and the partner secret are replaced by `REDACTED` (still strings, so the
/// records stay valid against the schema).
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

  func record(_ request: SandboxRequest, response: SandboxResponse?, injected: String?) {
    var headers: [String: String] = [:]
    for (name, value) in request.headers {
      headers[name] = Self.secretHeaders.contains(name) ? "REDACTED" : value
    }
    var requestBody: Any = NSNull()
    if !request.body.isEmpty {
      if var object = jsonObject(request.body) {
        if object["partnerSecret"] != nil { object["partnerSecret"] = "REDACTED" }
        requestBody = object
      } else {
        requestBody = ["_raw": String(decoding: request.body, as: UTF8.self)]
      }
    }
    var record: [String: Any] = [
      "method": request.method, "path": request.path, "query": request.query,
      "requestHeaders": headers, "requestBody": requestBody, "injected": injected ?? NSNull(),
    ]
    if let response {
      record["status"] = response.status
      record["responseContentType"] =
        response.headers.first { $0.0.lowercased() == "content-type" }?.1 ?? NSNull()
      record["responseBody"] = String(decoding: response.body, as: UTF8.self)
    }
    guard var line = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    else { return }
    line.append(0x0A)
    handle.withLock { $0.write(line) }
  }
}
