import Foundation
import Verification

extension Timestamp {
  /// The instant of `date`, in whole microseconds.
  init(_ date: Date) {
    self.init(microsecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
  }

  /// The current wall-clock time.
  static var now: Timestamp { Timestamp(Date()) }

  /// This instant as a `Date`.
  var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000) }
}

extension Duration {
  /// The duration in seconds, as a `TimeInterval`.
  var timeInterval: TimeInterval {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
