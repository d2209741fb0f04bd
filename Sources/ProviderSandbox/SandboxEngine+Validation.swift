import Foundation

extension SandboxEngine {
  /// Nine digits passing the ABA checksum (3-7-1 weights).
  static func isValidRoutingNumber(_ text: String) -> Bool {
    let digits = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard text.count == 9, digits.count == 9 else { return false }
    let weights = [3, 7, 1, 3, 7, 1, 3, 7, 1]
    return zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 10 == 0
  }

  /// Reads `{"amounts": [a, b]}`: two JSON numbers written exactly `0.dd`, from 0.01 to 0.99.
  ///
  /// The JSON structure is checked first, then the numbers' raw text (``SandboxAmountParser``):
  /// never through `Double`, so `0.120` or `1.2e-1` are refused.
  static func parseAmounts(_ body: [UInt8]) -> [Int]? {
    guard let object = jsonObject(body), let amounts = object["amounts"] as? [Any],
      amounts.count == 2,
      amounts.allSatisfy({ $0 is NSNumber && !($0 is Bool) })
    else {
      return nil
    }
    return SandboxAmountParser.cents(body)
  }

  /// Reads a Folio decimal string ("0.04000") as whole cents; nil when not a whole number of cents
  /// or too large for an `Int`.
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
    // A huge whole part ("92233720368547759") is refused rather than overflowing.
    let (hundreds, overflow) = whole.multipliedReportingOverflow(by: 100)
    guard !overflow, hundreds <= Int.max - cents else { return nil }
    return hundreds + cents
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
