import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension Duration {
  /// The duration as SwiftNIO's `TimeAmount` (nanoseconds).
  public var timeAmount: TimeAmount {
    let parts = components
    return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
  }
}
