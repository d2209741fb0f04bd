import Foundation

/// A Swift value bound as a statement parameter, in libpq's text format.
///
/// Parameters travel separately from the statement (`PQexecParams`), so no value is ever spliced
/// into SQL. Cast in SQL where the type is not obvious: `$1::uuid`, `$2::bigint[]`.
public protocol PGEncodable: Sendable {
  /// The text form PostgreSQL parses.
  var pgText: String { get }
}

extension String: PGEncodable {
  public var pgText: String { self }
}

extension Int: PGEncodable {
  public var pgText: String { String(self) }
}

extension Int64: PGEncodable {
  public var pgText: String { String(self) }
}

extension Int32: PGEncodable {
  public var pgText: String { String(self) }
}

extension Bool: PGEncodable {
  public var pgText: String { self ? "t" : "f" }
}

extension Double: PGEncodable {
  public var pgText: String { String(self) }
}

extension UUID: PGEncodable {
  public var pgText: String { uuidString.lowercased() }
}

extension Date: PGEncodable {
  public var pgText: String { PGTimestamp.format(self) }
}

extension Duration: PGEncodable {
  /// An `interval` in microseconds.
  public var pgText: String { "\(nanoseconds / 1000) microseconds" }
}
