import JobQueue

extension StatusPage {
  /// What needs an operator: a return rate over its threshold, then each alert kind with its
  /// jobs linked to their timelines.
  var alertsSection: String {
    var body = "<section id=\"alerts\"><h2>Alerts</h2>"
    let overRates = (returnRates ?? []).filter(\.over)
    var cards = overRates.map {
      "<div class=\"card bad\"><b>\(HTML.percent($0.rate))</b>\(HTML.escape($0.provider)) return"
        + " rate over \(HTML.percent(returnRateWatch.threshold)) (<a href=\"#return-rate\">details</a>)</div>"
    }
    for kind in StatusBoard.Alert.Kind.allCases {
      let count =
        board.alerts.filter { $0.kind == kind }.count + (board.alertsLeftOff[kind] ?? 0)
      cards.append(
        "<div class=\"card\(count > 0 ? " bad" : "")\"><b>\(count)</b>\(Self.alertTitle(kind))</div>"
      )
    }
    body += "<div class=\"cards\">\(cards.joined())</div>"
    for kind in StatusBoard.Alert.Kind.allCases {
      let alerts = board.alerts.filter { $0.kind == kind }
      guard !alerts.isEmpty else { continue }
      body += "<h3 id=\"alerts-\(kind.rawValue)\">\(Self.alertTitle(kind))</h3>"
      body += HTML.table(
        ["job", "at", Self.subjectTitle(kind), "detail", "job is"],
        alerts.map {
          [
            HTML.jobLink($0.jobID), JobDetail.timelineTime($0.at), HTML.escape($0.subject),
            $0.kind == .held
              ? "release: <code>verifierd jobs release \($0.jobID)</code>, or cancel it"
              : HTML.escape(HTML.maskDigits($0.detail)), $0.live ? "live" : "finished",
          ]
        })
      if let more = board.alertsLeftOff[kind] {
        body +=
          "<p class=\"quiet\">and \(more) more (the newest \(StatusBoard.alertLimit) shown)</p>"
      }
    }
    return body + "</section>"
  }

  static func alertTitle(_ kind: StatusBoard.Alert.Kind) -> String {
    switch kind {
    case .parked: "parked or needing an operator (last 24 h)"
    case .held: "held by a fraud rule"
    case .deadWebhook: "dead webhook deliveries"
    case .policyHit: "fraud-rule hits (last 24 h)"
    }
  }

  static func subjectTitle(_ kind: StatusBoard.Alert.Kind) -> String {
    switch kind {
    case .parked: "code"
    case .held, .policyHit: "rule"
    case .deadWebhook: "endpoint"
    }
  }
}
