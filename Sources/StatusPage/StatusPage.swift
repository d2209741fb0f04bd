import Foundation
import JobQueue
import Verification

/// The status page `verifierd run` serves at `/` beside `/metrics` (docs/status-page.md):
/// server-side rendered HTML with inline SVG charts, no script and no external asset, that
/// reloads itself. It shows what a ``StatusBoard`` holds and the return rates last counted:
/// never an account number, an amount or a secret, and every text an application could have
/// written escaped.
public struct StatusPage: Sendable {
  /// The board to show.
  public var board: StatusBoard
  /// Each provider's return rate as last counted, or `nil` before the first count.
  public var returnRates: [ReturnRateReading]?
  /// The return-rate check's threshold and window.
  public var returnRateWatch: ReturnRateWatch
  /// The daemon instance serving the page.
  public var instance: String
  /// How often the page reloads itself.
  public var refreshSeconds: Int

  /// Creates the page.
  public init(
    board: StatusBoard, returnRates: [ReturnRateReading]?, returnRateWatch: ReturnRateWatch,
    instance: String, refreshSeconds: Int = 30
  ) {
    self.board = board
    self.returnRates = returnRates
    self.returnRateWatch = returnRateWatch
    self.instance = instance
    self.refreshSeconds = refreshSeconds
  }

  /// The whole document.
  public var html: String {
    PageShell(title: "verifierd status", refreshSeconds: refreshSeconds).wrap(
      "<header><h1>verifierd status</h1><p class=\"quiet\">served by \(HTML.escape(instance)),"
        + " read \(JobDetail.timelineTime(board.readAt)) (database clock),"
        + " reloads every \(refreshSeconds) s. <a href=\"/metrics\">metrics</a></p></header>"
        + alertsSection + queueSection + daySection)
  }
}
