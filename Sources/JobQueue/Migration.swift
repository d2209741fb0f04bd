/// One versioned schema change, embedded from `Sources/JobQueue/Migrations/V*.sql`.
public struct Migration: Sendable {
  /// The version; migrations apply in ascending order, each once.
  public var version: Int
  /// A short name.
  public var name: String
  /// The SQL, run in one transaction.
  public var sql: String

  /// A stable checksum of the SQL (64-bit FNV-1a, hex), stored when applied so that an edited
  /// migration is noticed instead of silently skipped.
  public var checksum: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in sql.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Every migration this build knows, in order.
  public static let all: [Migration] = [
    Migration(
      version: 1, name: "schema",
      sql: String(decoding: PackageResources.V001_schema_sql, as: UTF8.self)),
    Migration(
      version: 2, name: "cancel_settles",
      sql: String(decoding: PackageResources.V002_cancel_settles_sql, as: UTF8.self)),
    Migration(
      version: 3, name: "cancel_requests",
      sql: String(decoding: PackageResources.V003_cancel_requests_sql, as: UTF8.self)),
    Migration(
      version: 4, name: "hostile_input",
      sql: String(decoding: PackageResources.V004_hostile_input_sql, as: UTF8.self)),
    Migration(
      version: 5, name: "rate_limits",
      sql: String(decoding: PackageResources.V005_rate_limits_sql, as: UTF8.self)),
    Migration(
      version: 6, name: "outbox",
      sql: String(decoding: PackageResources.V006_outbox_sql, as: UTF8.self)),
    Migration(
      version: 7, name: "fraud_policy",
      sql: String(decoding: PackageResources.V007_fraud_policy_sql, as: UTF8.self)),
    Migration(
      version: 8, name: "status_page",
      sql: String(decoding: PackageResources.V008_status_page_sql, as: UTF8.self)),
  ]
}
