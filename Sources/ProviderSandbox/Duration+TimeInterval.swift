import Foundation

extension Duration {
  /// Seconds as a `TimeInterval` (sandbox timing only).
  var timeInterval: TimeInterval {
    let parts = components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
  }
}
