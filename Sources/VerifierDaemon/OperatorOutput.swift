import Foundation
import JobQueue

/// How operator commands print: aligned text tables for people, JSON for scripts.
enum OperatorOutput {
  /// Prints `value` as pretty, key-sorted JSON with ISO 8601 dates.
  static func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }

  /// Renders rows under a header with columns padded to their widest cell.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  /// A date as `2026-11-21 06:40:12Z`.
  static func format(_ date: Date?) -> String {
    JobDetail.timelineTime(date)
  }
}
