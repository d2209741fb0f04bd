import Foundation
import Verification

/// Parses a `Retry-After` header: delay seconds or an HTTP date.
///
/// The date is read by hand, as RFC 9110's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the
/// only form a sender may generate), never through `DateFormatter`: Foundation's formatter traps
/// on some non-ASCII input (a fuzzer found one), and a header is whatever the network sends.
enum RetryAfter {
  /// The delay the header asks for, relative to `now`; `nil` when absent or unreadable.
  static func parse(_ value: String?, now: Date = Date()) -> Duration? {
    guard let raw = value?.trimmingWhitespace(), !raw.isEmpty else { return nil }
    if let seconds = Int(raw), seconds >= 0 { return .seconds(seconds) }
    guard let epoch = imfFixdate(Array(raw.utf8)) else { return nil }
    let delta = Double(epoch) - now.timeIntervalSince1970
    return .seconds(max(0, Int(delta.rounded(.up))))
  }

  private static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Seconds since 1970 of an IMF-fixdate, or `nil` when `bytes` is not exactly one.
  static func imfFixdate(_ bytes: [UInt8]) -> Int? {
    guard bytes.count == 29 else { return nil }
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard days.contains(text(0..<3)), text(3..<5) == ", ", bytes[7] == 0x20, bytes[11] == 0x20,
      bytes[16] == 0x20, bytes[19] == 0x3A, bytes[22] == 0x3A, text(25..<29) == " GMT",
      let day = number(5..<7), let monthIndex = months.firstIndex(of: text(8..<11)),
      let year = number(12..<16), let hour = number(17..<19), let minute = number(20..<22),
      let second = number(23..<25), hour < 24, minute < 60, second < 61
    else { return nil }
    let civil = CivilDate.daysFromCivil(year: year, month: monthIndex + 1, day: day)
    // A day the month does not have (31 April, 29 February 2015) comes back as another date.
    guard CivilDate.civilFromDays(civil) == (year, monthIndex + 1, day) else { return nil }
    return civil * 86_400 + hour * 3_600 + minute * 60 + second
  }
}
