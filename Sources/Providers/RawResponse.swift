import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A complete HTTP answer. The body (a token, amounts) and header values are never printed.
struct RawResponse: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]

  var description: String {
    "RawResponse(\(status), headers \(headers.map(\.0)), body \(body.count) bytes)"
  }
  var debugDescription: String { description }
  var customMirror: Mirror { Mirror(self, children: ["summary": description]) }

  func header(_ name: String) -> String? {
    headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
  }
}
