import Foundation
import Verification

/// The `data` column's JSON, written and read without Foundation's coders on the hot path.
///
/// ``JobData``'s `Codable` conformance stays the definition: ``encode(_:)`` writes exactly what
/// `JSONEncoder` would (keys in declaration order, absent values omitted), and ``decode(_:)``
/// reads a flat object of integers, booleans and nulls itself and hands anything else (strings,
/// fractions, nesting, duplicate keys) to `JSONDecoder`, so both always agree. Every claim reads
/// and every write-back writes this column, and the generic coders cost more than the rest of a
/// job's decoding together.
enum JobDataJSON {
  /// The column's text for `data`.
  static func encode(_ data: JobData) -> String {
    var out = "{"
    func field(_ key: String, _ value: String?) {
      guard let value else { return }
      if out.utf8.count > 1 { out += "," }
      out += "\"\(key)\":\(value)"
    }
    field("retryCount", String(data.retryCount))
    field("pollCount", String(data.pollCount))
    field("nextPollAt", data.nextPollAt.map { String($0.microsecondsSinceEpoch) })
    field("attemptStartedAt", data.attemptStartedAt.map { String($0.microsecondsSinceEpoch) })
    field("initiations", String(data.initiations))
    field("accountMayExist", data.accountMayExist ? "true" : "false")
    field("awaitingSince", data.awaitingSince.map { String($0.microsecondsSinceEpoch) })
    field("expiresAt", data.expiresAt.map { String($0.microsecondsSinceEpoch) })
    field("inFlightSubmissionID", data.inFlightSubmissionID.map { String($0) })
    field("verifyStartedAt", data.verifyStartedAt.map { String($0.microsecondsSinceEpoch) })
    return out + "}"
  }

  /// The bookkeeping in `text`; `nil` when it does not read (never defaults in its place).
  static func decode(_ text: String) -> JobData? {
    switch FlatObject.parse(text) {
    case .some(let fields): return make(fields)
    case .none:
      return try? JSONDecoder().decode(JobData.self, from: Data(text.utf8))
    }
  }

  /// `JobData` from parsed fields, with the `Codable` init's defaults and type rules.
  private static func make(_ fields: [String: FlatObject.Value]) -> JobData? {
    var data = JobData()
    func int(_ key: String) -> Int64?? {
      switch fields[key] {
      case nil, .null: return .some(nil)
      case .integer(let value): return .some(value)
      case .bool: return .none
      }
    }
    func bool(_ key: String) -> Bool?? {
      switch fields[key] {
      case nil, .null: return .some(nil)
      case .bool(let value): return .some(value)
      case .integer: return .none
      }
    }
    func timestamp(_ key: String) -> Timestamp?? {
      int(key).map { $0.map(Timestamp.init(microsecondsSinceEpoch:)) }
    }
    guard let retryCount = int("retryCount"), let pollCount = int("pollCount"),
      let nextPollAt = timestamp("nextPollAt"),
      let attemptStartedAt = timestamp("attemptStartedAt"),
      let initiations = int("initiations"), let accountMayExist = bool("accountMayExist"),
      let awaitingSince = timestamp("awaitingSince"), let expiresAt = timestamp("expiresAt"),
      let inFlight = int("inFlightSubmissionID"), let verifyStartedAt = timestamp("verifyStartedAt")
    else { return nil }
    for value in [retryCount, pollCount, initiations] {
      if let value, Int(exactly: value) == nil { return nil }
    }
    data.retryCount = retryCount.map { Int($0) } ?? 0
    data.pollCount = pollCount.map { Int($0) } ?? 0
    data.nextPollAt = nextPollAt
    data.attemptStartedAt = attemptStartedAt
    data.initiations = initiations.map { Int($0) } ?? 0
    data.accountMayExist = accountMayExist ?? false
    data.awaitingSince = awaitingSince
    data.expiresAt = expiresAt
    data.inFlightSubmissionID = inFlight
    data.verifyStartedAt = verifyStartedAt
    return data
  }
}
