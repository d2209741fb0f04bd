import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A request as the clients build it. Header values (app key, token, signature) and the body
/// (partner secret, account number, amounts) are never printed, only their names and size.
struct OutgoingRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  var method: String
  var url: String
  var headers: [(String, String)]
  var body: [UInt8]?

  var description: String {
    let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    return
      "OutgoingRequest(\(method) \(path), headers \(headers.map(\.0)), body \(body?.count ?? 0) bytes)"
  }
  var debugDescription: String { description }
  var customMirror: Mirror { Mirror(self, children: ["summary": description]) }
}
