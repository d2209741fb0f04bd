import JobQueue

/// One job's timeline as the status page links it (`/jobs/ID`): the facts and the event history
/// `verifierd jobs show` prints, without the customer, the account's last digits or the bank link
/// (the page shows no account data), and with runs of four or more digits in the provider's
/// message and the events' notes shown as `####` (they may quote a provider's error text).
public struct JobPage: Sendable {
  /// The job.
  public var job: JobDetail
  /// How often the page reloads itself.
  public var refreshSeconds: Int

  /// Creates the page.
  public init(job: JobDetail, refreshSeconds: Int = 30) {
    self.job = job
    self.refreshSeconds = refreshSeconds
  }

  /// The job as the page shows it: the provider's message and the events' notes with runs of
  /// four or more digits as `####`.
  var shown: JobDetail {
    var job = job
    job.providerMessage = job.providerMessage.map(HTML.maskDigits)
    for index in job.events.indices {
      job.events[index].event.message = job.events[index].event.message.map(HTML.maskDigits)
    }
    return job
  }

  /// The whole document.
  public var html: String {
    let heading =
      "job \(job.id) (\(job.provider))" + (job.externalRef.map { ", ref \($0)" } ?? "")
    let shown = shown
    return PageShell(title: "verifierd job \(job.id)", refreshSeconds: refreshSeconds).wrap(
      "<header><p><a href=\"/\">status</a></p><h1>\(HTML.escape(heading))</h1>"
        + shown.timelineSummary.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</header>"
        + "<section id=\"timeline\"><h2>Timeline</h2>"
        + HTML.table(
          JobDetail.timelineHeader, shown.timelineRows.map { $0.map(HTML.escape) },
          empty: "no events")
        + "</section>")
  }

  /// The page for a job that does not exist.
  public static func missing(_ id: Int64) -> String {
    PageShell(title: "verifierd: no job \(id)", refreshSeconds: 3600).wrap(
      "<header><p><a href=\"/\">status</a></p><h1>no job \(id)</h1></header>"
        + "<p>There is no such job (it may have been pruned).</p>")
  }
}

extension JobPage {
  /// The page shown when the status cannot be read, saying `reason` (a fixed phrase).
  public static func unavailable(_ reason: String) -> String {
    PageShell(title: "verifierd status: unavailable", refreshSeconds: 10).wrap(
      "<header><h1>status unavailable</h1></header><p>\(HTML.escape(reason)); this page tries"
        + " again every 10 s.</p>")
  }
}
