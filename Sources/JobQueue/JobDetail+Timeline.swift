import Foundation

extension JobDetail {
  /// The timeline's column names: what `verifierd jobs show` and the status page's job page
  /// print above ``timelineRows``.
  public static let timelineHeader = ["at", "event", "state", "call", "result", "note"]

  /// The history as timeline rows, one per event, in ``timelineHeader``'s columns.
  public var timelineRows: [[String]] {
    events.map { line in
      let event = line.event
      let transition =
        event.fromState == event.toState
        ? (event.toState ?? "") : "\(event.fromState ?? "") -> \(event.toState ?? "")"
      let call = [event.provider, event.endpoint].compactMap { $0 }.joined(separator: " ")
      var result = [event.httpStatus.map { "HTTP \($0)" }, event.providerCode.map { "code \($0)" }]
        .compactMap { $0 }
      if let latency = event.latencyMilliseconds { result.append("\(latency) ms") }
      return [
        Self.timelineTime(line.at), event.kind, transition, call, result.joined(separator: ", "),
        event.message ?? "",
      ]
    }
  }

  /// The job's headline facts, one line each, as the timeline's heading shows them: state and
  /// outcome, next run and lease, created and finished. The account line is the caller's: the
  /// status page shows none.
  public var timelineSummary: [String] {
    var lines = [
      "state \(state)\(outcome.map { ", outcome \($0)" } ?? "")"
        + "\(providerCode.map { ", provider code \($0)" } ?? "")\(providerMessage.map { ": \($0)" } ?? "")"
        + (policyRule.map { ", fraud rule \($0)" } ?? "")
    ]
    if finishedAt == nil {
      lines.append(
        "next run \(Self.timelineTime(runAt))"
          + (leaseOwner.map { ", held by \($0) until \(Self.timelineTime(leaseExpiresAt))" } ?? ""))
    }
    lines.append(
      "created \(Self.timelineTime(createdAt))"
        + (finishedAt.map { ", finished \(Self.timelineTime($0))" } ?? ""))
    return lines
  }

  /// A time as the timeline prints it: `2026-11-21 06:40:12Z` (`-` for none).
  public static func timelineTime(_ date: Date?) -> String {
    guard let date else { return "-" }
    return date.formatted(timelineStyle)
  }

  /// A value style, not an `ISO8601DateFormatter` per call: about 200 times cheaper, and the
  /// status page formats one per row (docs/PERFORMANCE.md, stop 30).
  private static let timelineStyle = Date.ISO8601FormatStyle(dateTimeSeparator: .space)
}
