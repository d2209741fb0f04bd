import Foundation

extension SandboxEngine {
  /// Nine digits passing the ABA checksum (3-7-1 weights).
  static func isValidRoutingNumber(_ text: String) -> Bool {
    let digits = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard text.count == 9, digits.count == 9 else { return false }
    let weights = [3, 7, 1, 3, 7, 1, 3, 7, 1]
    return zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 10 == 0
  }

  /// Reads `{"amounts": [a, b]}`: two JSON numbers, each in (0, 1) with at most two decimals.
  static func parseAmounts(_ body: [UInt8]) -> [Int]? {
    guard let object = jsonObject(body), let amounts = object["amounts"] as? [Any],
      amounts.count == 2
    else {
      return nil
    }
    var cents: [Int] = []
    for value in amounts {
      guard let number = value as? NSNumber, !(value is Bool), !(value is String) else {
        return nil
      }
      let scaled = number.doubleValue * 100
      let rounded = scaled.rounded()
      guard abs(scaled - rounded) < 1e-6, rounded >= 1, rounded <= 99 else { return nil }
      cents.append(Int(rounded))
    }
    return cents
  }

  /// Reads a Folio decimal string ("0.04000") as whole cents; nil when not a whole number of cents.
  static func parseFolioAmount(_ value: Any?) -> Int? {
    guard let text = value as? String else { return nil }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0 else { return nil }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
      fraction.dropFirst(2).allSatisfy({ $0 == "0" })
    else { return nil }
    let two = String(fraction.prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
    guard let cents = Int(two) else { return nil }
    return whole * 100 + cents
  }

  /// `2022-04-12T11:51:23`: UTC without a zone, as Finicity sends it.
  static func noZoneDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter.string(from: date)
  }
}

extension Duration {
  /// Seconds as a `TimeInterval` (sandbox timing only).
  var timeInterval: TimeInterval {
    let parts = components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
  }
}
