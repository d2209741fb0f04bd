import Foundation

/// A Swift type read from a column in libpq's text format.
public protocol PGDecodable: Sendable {
  /// Whether a column of this type OID reads as this Swift type.
  static func accepts(oid: UInt32) -> Bool
  /// Parses the text form; `nil` when it does not parse.
  init?(pgText: String)
}

extension String: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool {
    [
      PGType.text, PGType.varchar, PGType.bpchar, PGType.name, PGType.json, PGType.jsonb,
      PGType.numeric,
    ]
    .contains(oid)
  }
  public init?(pgText: String) { self = pgText }
}

extension Int64: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool {
    [PGType.int2, PGType.int4, PGType.int8, PGType.oid].contains(oid)
  }
  public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Int: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { Int64.accepts(oid: oid) }
  public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Int32: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { [PGType.int2, PGType.int4].contains(oid) }
  public init?(pgText: String) { self.init(pgText, radix: 10) }
}

extension Bool: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { oid == PGType.bool }
  public init?(pgText: String) {
    switch pgText {
    case "t": self = true
    case "f": self = false
    default: return nil
    }
  }
}

extension Double: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { [PGType.float4, PGType.float8].contains(oid) }
  public init?(pgText: String) { self.init(pgText) }
}

extension UUID: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { oid == PGType.uuid }
  public init?(pgText: String) { self.init(uuidString: pgText) }
}

extension Date: PGDecodable {
  public static func accepts(oid: UInt32) -> Bool { oid == PGType.timestamptz }
  public init?(pgText: String) {
    guard let date = PGTimestamp.parse(pgText) else { return nil }
    self = date
  }
}
