import JobQueue
import Verification

extension StatusPage {
  /// The queue now: live jobs per state and provider, due, overdue, the oldest lag, the leases
  /// per daemon and the shared rate limits.
  var queueSection: String {
    let queue = board.queue
    let live = queue.states.reduce(0) { $0 + $1.count }
    let lag = queue.oldestDueLagSeconds
    let overdueAfter = Double(StatusBoard.overdueAfter.components.seconds)
    let cards = [
      card("\(live)", "live jobs"), card("\(queue.dueNow)", "due now"),
      card(
        "\(board.overdue)",
        "overdue (due over \(HTML.duration(overdueAfter)))",
        bad: board.overdue > 0),
      card(HTML.duration(lag), "oldest due job's lag", bad: lag > overdueAfter),
    ]
    let providers = Array(Set(queue.states.map(\.provider))).sorted()
    let states = Array(Set(queue.states.map(\.state))).sorted { Self.order($0) < Self.order($1) }
    let stateRows = states.map { state in
      [HTML.escape(state)]
        + providers.map { provider in
          "\(queue.states.first { $0.provider == provider && $0.state == state }?.count ?? 0)"
        }
    }
    let leases = queue.leaseHolders.map {
      [
        HTML.escape($0.instance), "\($0.leases)",
        $0.expired > 0 ? "<span class=\"bad\">\($0.expired)</span>" : "0",
      ]
    }
    let limits = queue.rateLimits.map { limit in
      let asked = limit.granted + limit.refused
      return [
        HTML.escape(limit.provider), HTML.decimal(limit.configuredRate) + "/s",
        HTML.decimal(limit.currentRate) + "/s",
        limit.pausedForSeconds > 0
          ? "<span class=\"bad\">paused \(HTML.duration(limit.pausedForSeconds))</span>"
          : "running",
        HTML.escape(limit.lastPauseCause ?? "-"), "\(limit.granted)", "\(limit.refused)",
        asked > 0 ? HTML.percent(Double(limit.refused) / Double(asked)) : "-", "\(limit.pauses)",
      ]
    }
    return
      "<section id=\"queue\"><h2>The queue now</h2><div class=\"cards\">\(cards.joined())</div>"
      + "<h3>Live jobs per state and provider</h3>"
      + HTML.table(
        ["state"] + providers.map(HTML.escape), stateRows,
        numeric: Set(1...max(1, providers.count)),
        empty: "no live jobs")
      + "<h3>Leases per daemon</h3>"
      + HTML.table(
        ["daemon", "leases", "run out"], leases, numeric: [1, 2], empty: "no leases held")
      + "<h3>Shared provider rate limits</h3>"
      + HTML.table(
        [
          "provider", "configured", "fleet rate now", "state", "last pause", "permits granted",
          "refused", "refused share", "pauses",
        ], limits, numeric: [1, 2, 5, 6, 7, 8], empty: "no rate limit leased yet")
      + "</section>"
  }

  func card(_ value: String, _ label: String, bad: Bool = false) -> String {
    "<div class=\"card\(bad ? " bad" : "")\"><b>\(value)</b>\(label)</div>"
  }

  /// States in the flow's order (``JobState``'s); unknown ones last.
  static func order(_ state: String) -> Int {
    JobState.allCases.firstIndex { $0.rawValue == state } ?? JobState.allCases.count
  }
}
