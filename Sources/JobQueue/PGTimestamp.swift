import Foundation

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
    let days = daysFromCivil(year: year, month: month, day: day)
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
    let (year, month, day) = civilFromDays(days.quotient)
    let second = days.remainder
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(second / 3600, 2)):"
      + "\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(fraction, 6))+00"
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of ``daysFromCivil(year:month:day:)``.
  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
