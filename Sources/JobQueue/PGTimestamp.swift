import Foundation
import Verification

/// Reads and writes `timestamptz` in PostgreSQL's ISO text form without a date formatter.
enum PGTimestamp {
  /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff](+|-)HH[:MM[:SS]]`, `infinity` and `-infinity`.
  static func parse(_ text: String) -> Date? {
    if text == "infinity" { return .distantFuture }
    if text == "-infinity" { return .distantPast }
    let bytes = Array(text.utf8)
    var position = 0
    func number(_ digits: Int) -> Int? {
      guard position + digits <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[position..<position + digits] {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      position += digits
      return value
    }
    func expect(_ character: UInt8) -> Bool {
      guard position < bytes.count, bytes[position] == character else { return false }
      position += 1
      return true
    }
    guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
      expect(32) || expect(84), let hour = number(2), expect(58), let minute = number(2),
      expect(58),
      let second = number(2)
    else { return nil }
    var fraction = 0.0
    if expect(46) {
      var scale = 0.1
      while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
        fraction += Double(bytes[position] - 48) * scale
        scale /= 10
        position += 1
      }
    }
    var offset = 0
    if position < bytes.count {
      let sign: Int
      if expect(43) {
        sign = 1
      } else if expect(45) {
        sign = -1
      } else if expect(90) {
        sign = 0
      } else {
        return nil
      }
      if sign != 0 {
        guard let hours = number(2) else { return nil }
        var seconds = hours * 3600
        if expect(58), let minutes = number(2) { seconds += minutes * 60 }
        if expect(58), let extra = number(2) { seconds += extra }
        offset = sign * seconds
      }
    }
    guard position == bytes.count else { return nil }
    let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
    let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    return Date(timeIntervalSince1970: Double(whole) + fraction)
  }

  /// Formats a date as UTC with microseconds: `2026-11-21 05:44:38.123456+00`.
  static func format(_ date: Date) -> String {
    if date == .distantFuture { return "infinity" }
    if date == .distantPast { return "-infinity" }
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    let seconds = Int(micros.quotientAndRemainderFlooring(dividingBy: 1_000_000).quotient)
    let fraction = Int(micros.quotientAndRemainderFlooring(dividingBy: 1_000_000).remainder)
    let days = seconds.quotientAndRemainderFlooring(dividingBy: 86_400)
    let (year, month, day) = CivilDate.civilFromDays(days.quotient)
    let second = days.remainder
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(second / 3600, 2)):"
      + "\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(fraction, 6))+00"
  }
}

extension BinaryInteger {
  /// Division rounding toward negative infinity, with a non-negative remainder.
  func quotientAndRemainderFlooring(dividingBy divisor: Self) -> (quotient: Self, remainder: Self) {
    var (q, r) = quotientAndRemainder(dividingBy: divisor)
    if r < 0 {
      q -= 1
      r += divisor
    }
    return (q, r)
  }
}
