import Foundation
import JobQueue
import Verification

extension StatusPage {
  /// The last day: the funnel, outcomes and provider calls by hour, the webhook backlog and the
  /// return rates.
  var daySection: String {
    "<section id=\"day\"><h2>The last 24 hours</h2>" + funnelHTML + outcomesChart + callsChart
      + webhooksHTML + returnRateHTML + "</section>"
  }

  private var hourLabels: [String] {
    board.hours.map { String(JobDetail.timelineTime($0.start).dropFirst(11).prefix(5)) }
  }

  /// Enqueued, initiated, settled, verified: a bar per step and what stopped the rest.
  var funnelHTML: String {
    let steps = board.funnel.steps
    let top = max(1, steps.first?.reached ?? 1)
    let rows = steps.enumerated().map { index, step in
      let width = Int((Double(step.reached) / Double(top) * 340).rounded())
      let stopped =
        index == steps.count - 1
        ? ""
        : step.stopped.map { "\(HTML.escape($0.fate)) \($0.count)" }.joined(separator: ", ")
      return [
        HTML.escape(step.name), "\(step.reached)",
        "<svg width=\"350\" height=\"14\" role=\"img\" aria-label=\"\(step.reached) \(HTML.escape(step.name))\""
          + " xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"\(max(width, 1))\" height=\"14\""
          + " fill=\"#2e6bd9\"/></svg>",
        stopped.isEmpty && index < steps.count - 1 ? "none" : stopped,
      ]
    }
    return "<h3>Funnel of the jobs enqueued in the period</h3>"
      + "<div class=\"funnel\">"
      + HTML.table(["step", "jobs", "", "went no further, and why"], rows, numeric: [1])
      + "</div>"
  }

  /// Finished jobs per hour and outcome.
  var outcomesChart: String {
    let outcomes = Outcome.allCases.map(\.rawValue)
    let known = Set(outcomes)
    let others = board.hours.contains { $0.outcomes.keys.contains { !known.contains($0) } }
    let names = outcomes + (others ? ["other"] : [])
    let bars = zip(hourLabels, board.hours).map { label, hour in
      (
        label: label,
        values: names.map { name in
          name == "other"
            ? hour.outcomes.filter { !known.contains($0.key) }.values.reduce(0, +)
            : hour.outcomes[name] ?? 0
        }
      )
    }
    let enqueued = board.hours.reduce(0) { $0 + $1.enqueued }
    let finished = board.hours.reduce(0) { $0 + $1.outcomes.values.reduce(0, +) }
    return "<h3>Outcomes by hour (UTC)</h3><p class=\"quiet\">\(enqueued) enqueued,"
      + " \(finished) finished in the period</p>"
      + BarChart(
        title: "finished jobs per hour by outcome",
        series: names.map { .init(name: $0, color: Self.color(outcome: $0)) }, bars: bars
      ).html
  }

  /// Provider calls per hour: answered, throttled (429 or a throttle code), failed.
  var callsChart: String {
    let bars = zip(hourLabels, board.hours).map { label, hour in
      (
        label: label,
        values: [max(0, hour.calls - hour.throttled - hour.errors), hour.throttled, hour.errors]
      )
    }
    let calls = board.hours.reduce(0) { $0 + $1.calls }
    let throttled = board.hours.reduce(0) { $0 + $1.throttled }
    let errors = board.hours.reduce(0) { $0 + $1.errors }
    return "<h3>Provider calls by hour (UTC)</h3><p class=\"quiet\">\(calls) calls,"
      + " \(throttled) throttled (429 or a throttle code), \(errors) failed</p>"
      + BarChart(
        title: "provider calls per hour",
        series: [
          .init(name: "answered", color: "#2e6bd9"), .init(name: "throttled", color: "#f79009"),
          .init(name: "failed", color: "#d92d20"),
        ], bars: bars
      ).html
  }

  /// Each webhook endpoint's backlog.
  var webhooksHTML: String {
    "<h3>Webhook backlog</h3>"
      + HTML.table(
        ["endpoint", "pending", "oldest pending", "failing", "dead", "delivered"],
        board.webhooks.map {
          [
            HTML.escape($0.endpoint), "\($0.pending)", HTML.duration($0.oldestPendingSeconds),
            "\($0.failing)", $0.dead > 0 ? "<span class=\"bad\">\($0.dead)</span>" : "0",
            "\($0.delivered)",
          ]
        }, numeric: [1, 2, 3, 4, 5], empty: "no webhook deliveries")
  }

  /// Each provider's return rate over the check's window.
  var returnRateHTML: String {
    let watch = returnRateWatch
    let days = HTML.decimal(Double(watch.window.components.seconds) / 86_400)
    let intro =
      "<h3 id=\"return-rate\">Micro-entry return rate</h3><p class=\"quiet\">returned or rejected"
      + " of those initiated over \(days) days; over \(HTML.percent(watch.threshold)) alerts once"
      + " at least \(watch.minimumInitiations) were initiated</p>"
    guard let readings = returnRates else {
      return intro + "<p class=\"quiet\">not counted yet</p>"
    }
    return intro
      + HTML.table(
        ["provider", "initiated", "returned", "rate", ""],
        readings.map {
          [
            HTML.escape($0.provider), "\($0.initiations)", "\($0.returns)", HTML.percent($0.rate),
            $0.over
              ? "<span class=\"bad\">over the threshold</span>" : "<span class=\"ok\">ok</span>",
          ]
        }, numeric: [1, 2, 3])
  }

  /// A colour per outcome: green for verified, reds for losses, greys for the rest.
  static func color(outcome: String) -> String {
    switch outcome {
    case "verified": "#12b76a"
    case "attempts_exhausted": "#f79009"
    case "expired": "#98a2b3"
    case "returned": "#d92d20"
    case "rejected": "#f97066"
    case "provider_failed": "#7a271a"
    case "invalid_request": "#667085"
    case "canceled": "#cfd4dc"
    case "refused_by_policy": "#6941c6"
    default: "#344054"
    }
  }
}
