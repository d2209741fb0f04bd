import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Verification

/// What the transport gives back.
enum TransportResult: Sendable {
  case response(RawResponse)
  case failed(RetryReason)
}
