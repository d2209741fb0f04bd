import Foundation
import JobQueue
import StatusPage
import Testing
import Verification

/// The status pages rendered from boards built here: no database, no server.
@Suite("Status page rendering")
struct StatusPageTests {
  static let now = Date(timeIntervalSince1970: 1_796_000_000)

  static func board(
    alerts: [StatusBoard.Alert] = [], leftOff: [StatusBoard.Alert.Kind: Int] = [:],
    hours: [StatusBoard.Hour]? = nil, funnel: [StatusBoard.Funnel.Reach] = []
  ) -> StatusBoard {
    let since = now.addingTimeInterval(-86_400)
    return StatusBoard(
      readAt: now, since: since,
      queue: QueueStatus(
        states: [
          .init(provider: "finicity", state: "pending", count: 4),
          .init(provider: "finicity", state: "queued", count: 2),
          .init(provider: "folio", state: "awaiting_amounts", count: 1),
        ], dueNow: 3, oldestDueLagSeconds: 95, outcomesLastHour: [],
        leaseHolders: [.init(instance: "d-<1>", leases: 5, expired: 1)]),
      overdue: 2, funnel: StatusBoard.Funnel(funnel),
      hours: hours
        ?? (0..<25).map { StatusBoard.Hour(start: since.addingTimeInterval(Double($0) * 3600)) },
      webhooks: [], alerts: alerts, alertsLeftOff: leftOff)
  }

  static func page(_ board: StatusBoard, rates: [ReturnRateReading]? = nil) -> String {
    StatusPage(board: board, returnRates: rates, returnRateWatch: ReturnRateWatch(), instance: "d1")
      .html
  }

  @Test("the funnel counts each job at every step it reached, and why the rest stopped")
  func funnel() {
    let funnel = StatusBoard.Funnel([
      .init(initiated: true, settled: true, outcome: "verified", state: "verified", count: 70),
      .init(
        initiated: true, settled: true, outcome: "attempts_exhausted", state: "attempts_exhausted",
        count: 10),
      .init(initiated: true, settled: true, outcome: nil, state: "awaiting_amounts", count: 5),
      .init(initiated: true, settled: false, outcome: "returned", state: "returned", count: 6),
      .init(
        initiated: false, settled: false, outcome: "invalid_request", state: "invalid_request",
        count: 12),
      .init(initiated: false, settled: false, outcome: nil, state: "held", count: 3),
      .init(
        initiated: false, settled: false, outcome: "refused_by_policy", state: "refused_by_policy",
        count: 3),
    ])
    #expect(funnel.steps.map(\.name) == ["enqueued", "initiated", "settled", "verified"])
    #expect(funnel.steps.map(\.reached) == [109, 91, 85, 70])
    #expect(
      funnel.steps[0].stopped.map(\.fate) == ["invalid_request", "refused_by_policy", "still held"])
    #expect(funnel.steps[0].stopped.map(\.count) == [12, 3, 3])
    #expect(funnel.steps[1].stopped.map(\.fate) == ["returned"])
    #expect(
      funnel.steps[2].stopped.map(\.fate) == ["attempts_exhausted", "still awaiting_amounts"])
    #expect(funnel.steps[3].stopped.isEmpty)
  }

  @Test("what an application wrote is escaped; no script, no outside resource")
  func escaped() {
    let hostile = "<img src=x onerror=alert(1)>\"'&"
    let html = Self.page(
      Self.board(alerts: [
        .init(kind: .parked, jobID: 7, at: Self.now, subject: hostile, detail: hostile, live: true)
      ]))
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"))
    #expect(!html.lowercased().contains("<script"))
    let outside = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
    #expect(!outside.contains("http://") && !outside.contains("https://"))
    #expect(html.contains("d-&lt;1&gt;"))
  }

  @Test("every alert links to its job's timeline; those left off are counted")
  func alertLinks() {
    let alerts: [StatusBoard.Alert] = [
      .init(
        kind: .held, jobID: 11, at: Self.now, subject: "accounts_per_customer", detail: "",
        live: true),
      .init(
        kind: .deadWebhook, jobID: 12, at: Self.now, subject: "crm",
        detail: "verification.finished after 12 attempts", live: false),
      .init(
        kind: .policyHit, jobID: 13, at: Self.now, subject: "customers_per_account",
        detail: "4 customers", live: true),
      .init(
        kind: .parked, jobID: 14, at: Self.now, subject: "", detail: "parked for an hour",
        live: true),
    ]
    let html = Self.page(Self.board(alerts: alerts, leftOff: [.policyHit: 8]))
    for id in 11...14 { #expect(html.contains("<a href=\"/jobs/\(id)\">job \(id)</a>")) }
    #expect(html.contains("verifierd jobs release 11"))
    #expect(html.contains("and 8 more"))
    #expect(html.contains("<b>9</b>fraud-rule hits"))
  }

  @Test("a return rate over its threshold is an alert; before the first count the page says so")
  func returnRate() {
    let over = ReturnRateReading(
      provider: "finicity", initiations: 200, returns: 9, rate: 0.045, over: true)
    let html = Self.page(Self.board(), rates: [over])
    #expect(html.contains("<b>4.5 %</b>finicity return rate over 3.0 %"))
    #expect(html.contains("over the threshold"))
    #expect(Self.page(Self.board()).contains("not counted yet"))
  }

  @Test("the queue: per state and provider in the flow's order, overdue and expired leases marked")
  func queue() {
    let html = Self.page(Self.board())
    let queued = html.range(of: "<td>queued</td>")!.lowerBound
    let pending = html.range(of: "<td>pending</td>")!.lowerBound
    #expect(queued < pending)
    #expect(html.contains("<div class=\"card bad\"><b>2</b>overdue"))
    #expect(html.contains("<b>95 s</b>oldest due job"))
    #expect(html.contains("<span class=\"bad\">1</span>"))
    #expect(html.contains("<meta http-equiv=\"refresh\" content=\"30\">"))
  }

  @Test("times print in UTC to the second, a space between date and time; none is a dash")
  func times() {
    #expect(JobDetail.timelineTime(Self.now) == "2026-11-30 00:53:20Z")
    #expect(JobDetail.timelineTime(Self.now.addingTimeInterval(0.999)) == "2026-11-30 00:53:20Z")
    #expect(JobDetail.timelineTime(Date(timeIntervalSince1970: -1)) == "1969-12-31 23:59:59Z")
    #expect(JobDetail.timelineTime(nil) == "-")
  }

  @Test("figures that are not finite print as a dash, never trap")
  func notFinite() {
    var board = Self.board()
    board.queue.oldestDueLagSeconds = .infinity
    board.queue.rateLimits = [
      RateLimitStatus(
        provider: "finicity", configuredRate: .infinity, currentRate: .nan,
        pausedForSeconds: .infinity, lastPauseCause: nil, granted: 1, refused: 0, pauses: 0)
    ]
    let html = Self.page(board)
    #expect(html.contains("<td class=\"n\">-/s</td>"))
    #expect(html.contains("<b>-</b>oldest due job"))
  }

  @Test("charts: one bar segment per non-zero value, scaled to the largest hour")
  func charts() {
    let since = Self.now.addingTimeInterval(-86_400)
    var hours = (0..<25).map {
      StatusBoard.Hour(start: since.addingTimeInterval(Double($0) * 3600))
    }
    hours[3].outcomes = ["verified": 8, "expired": 2]
    hours[4].calls = 20
    hours[4].throttled = 5
    hours[4].errors = 1
    let html = Self.page(Self.board(hours: hours))
    // Five chart segments (verified, expired; answered, throttled, failed), beside the funnel's
    // four bars.
    #expect(html.components(separatedBy: "<rect x=").count - 1 == 5)
    #expect(html.contains("verified: 8</title>"))
    #expect(html.contains("answered: 14</title>"))
    #expect(html.contains("throttled: 5</title>"))
    #expect(html.contains("failed: 1</title>"))
  }

  @Test("the job page shows the timeline jobs show prints, and no account data, even quoted")
  func jobPage() {
    let job = JobDetail(
      id: 5, provider: "finicity", state: "pending", externalRef: "order-9",
      customerID: "1005061234", accountLast4: "6789", bankLinkOID: nil,
      providerAccountID: "5011648377", attemptsRemaining: nil, outcome: nil, providerCode: nil,
      providerMessage: "account 9300042617 is closed", runAt: Self.now, leaseOwner: nil,
      leaseExpiresAt: nil,
      createdAt: Self.now, finishedAt: nil,
      events: [
        .init(
          at: Self.now, instance: "d1",
          event: JobEvent(
            kind: "provider_call", provider: "finicity", endpoint: "initiate", httpStatus: 200,
            latencyMilliseconds: 14, message: "success"))
      ])
    let html = JobPage(job: job).html
    #expect(html.contains("job 5 (finicity), ref order-9"))
    #expect(html.contains("<td>finicity initiate</td><td>HTTP 200, 14 ms</td><td>success</td>"))
    for hidden in ["1005061234", "6789", "5011648377", "9300042617"] {
      #expect(!html.contains(hidden))
    }
    #expect(html.contains("account #### is closed"))
    #expect(html.contains("created \(JobDetail.timelineTime(Self.now))"), "dates are not masked")
  }
}
