// The sandbox's request handling (method, path, query, headers, body) through
// SandboxEngine.respond, up to four requests in order on one fresh engine, so a token or a
// created account can be used by the next. Checked: no trap, no hang, and no 5xx unless a
// control request (which may ask for faults) came first.
import Foundation
import FuzzSupport
import Providers

@testable import ProviderSandbox

/// One request as raw HTTP-like text: `METHOD target` on the first line (target is the path,
/// optionally `?query`), then `Name: value` header lines, an empty line and the body. A header
/// value `$TOKEN` becomes the token of the last token answer; a line `$FOLIO` becomes a Folio
/// signature over this request by the sandbox's default key.
private struct FuzzRequest {
  var method = ""
  var path = ""
  var query = ""
  var headers: [(String, String)] = []
  var body: [UInt8] = []

  init(_ bytes: [UInt8], token: String) {
    var lines: [[UInt8]] = []
    var rest = bytes[...]
    while let newline = rest.firstIndex(of: 0x0A) {
      let line = rest[..<newline]
      rest = rest[(newline + 1)...]
      if line.isEmpty && !lines.isEmpty { break }
      lines.append(Array(line))
    }
    if lines.isEmpty {
      lines.append(Array(rest))
      rest = []
    }
    body = Array(rest)
    let first = FuzzInput.text(lines[0])
    let space = first.firstIndex(of: " ") ?? first.endIndex
    method = String(first[..<space])
    let target = space < first.endIndex ? first[first.index(after: space)...] : ""
    if let mark = target.firstIndex(of: "?") {
      path = String(target[..<mark])
      query = String(target[target.index(after: mark)...])
    } else {
      path = String(target)
    }
    for line in lines.dropFirst().map(FuzzInput.text) {
      if line == "$FOLIO" {
        let signer = FolioSigner(
          apiKey: "sandbox-folio-key", sharedSecret: Secret("sandbox-folio-secret"))
        let pathAndQuery = query.isEmpty ? path : "\(path)?\(query)"
        headers += signer.headers(
          method: method, pathAndQuery: pathAndQuery, body: body, date: Date())
        continue
      }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let value = line[line.index(after: colon)...].drop { $0 == " " }
      headers.append((String(line[..<colon]), value == "$TOKEN" ? token : String(value)))
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSandbox(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  let records = FuzzInput.bytes(data, count).split(
    separator: 0, maxSplits: 3, omittingEmptySubsequences: true)
  let engine = SandboxEngine(configuration: SandboxConfiguration())
  var token = ""
  var controlled = false
  for record in records {
    let request = FuzzRequest(Array(record), token: token)
    controlled = controlled || request.path.hasPrefix("/_sandbox/")
    let response = FuzzInput.wait {
      await engine.respond(
        method: request.method, path: request.path, query: request.query,
        headers: request.headers, body: request.body)
    }
    FuzzInput.require(
      (100...599).contains(response.status), "status \(response.status) is not HTTP")
    FuzzInput.require(
      controlled || response.status < 500,
      "\(response.status) for \(request.method) \(request.path) with no fault asked for")
    if response.status == 200,
      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
      let newToken = object["token"] as? String
    {
      token = newToken
    }
  }
  return 0
}
