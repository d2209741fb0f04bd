/// An instant as whole microseconds since the Unix epoch, the precision of PostgreSQL's
/// `timestamptz`.
///
/// The module never reads a clock: every instant is an input. Encoded as a bare integer.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Microseconds since 1970-01-01T00:00:00Z.
  public var microsecondsSinceEpoch: Int64

  /// Creates an instant from microseconds since the epoch.
  public init(microsecondsSinceEpoch: Int64) {
    self.microsecondsSinceEpoch = microsecondsSinceEpoch
  }

  /// Creates an instant from whole seconds since the epoch.
  public init(secondsSinceEpoch: Int64) {
    self.microsecondsSinceEpoch = secondsSinceEpoch * 1_000_000
  }

  /// Decodes a bare integer of microseconds.
  public init(from decoder: any Decoder) throws {
    microsecondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
  }

  /// Encodes a bare integer of microseconds.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(microsecondsSinceEpoch)
  }

  /// The instant `rhs` later (whole microseconds, saturating).
  public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
    let (sum, overflow) = lhs.microsecondsSinceEpoch.addingReportingOverflow(rhs.wholeMicroseconds)
    let saturated: Int64 = rhs < .zero ? .min : .max
    return Timestamp(microsecondsSinceEpoch: overflow ? saturated : sum)
  }

  /// The instant `rhs` earlier (whole microseconds, saturating).
  public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
    let (difference, overflow) = lhs.microsecondsSinceEpoch.subtractingReportingOverflow(
      rhs.wholeMicroseconds)
    let saturated: Int64 = rhs < .zero ? .max : .min
    return Timestamp(microsecondsSinceEpoch: overflow ? saturated : difference)
  }

  /// The time from `rhs` to `lhs` (saturating: instants read from stored data never trap).
  public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
    let (difference, overflow) = lhs.microsecondsSinceEpoch.subtractingReportingOverflow(
      rhs.microsecondsSinceEpoch)
    return .microseconds(overflow ? (lhs < rhs ? Int64.min : Int64.max) : difference)
  }

  /// Orders instants by time.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
  }

  /// The microseconds since the epoch, e.g. `@1700000000000000us`.
  public var description: String { "@\(microsecondsSinceEpoch)us" }
}

extension Duration {
  /// The duration in whole microseconds, rounded toward zero and saturating at `Int64` bounds.
  var wholeMicroseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
    if overflow { return seconds < 0 ? Int64.min : Int64.max }
    let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000)
    if overflow2 { return seconds < 0 ? Int64.min : Int64.max }
    return total
  }
}
