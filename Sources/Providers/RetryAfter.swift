import Foundation

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
      let second = number(23..<25), hour < 24, minute < 60, second < 61,
      (1...daysIn(month: monthIndex + 1, year: year)).contains(day)
    else { return nil }
    let civil = daysFromCivil(year: year, month: monthIndex + 1, day: day)
    return civil * 86_400 + hour * 3_600 + minute * 60 + second
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
