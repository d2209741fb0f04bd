import Foundation
import Verification

extension Timestamp {
  /// The instant of `date`, in whole microseconds.
  public init(_ date: Date) {
    self.init(microsecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
  }

  /// The current wall-clock time.
  public static var now: Timestamp { Timestamp(Date()) }

  /// This instant as a `Date`.
  public var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000) }
}
