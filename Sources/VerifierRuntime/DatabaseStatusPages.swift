import Foundation
import JobQueue
import Logging
import Observability
import StatusPage
import Synchronization
import Verification

/// The status pages of `verifierd run` (docs/status-page.md), read from the database on a
/// connection of their own. Viewers asking while a read runs share it, however long it takes,
/// and a board read that finished less than ``reuseFor`` ago is shown again, so many open tabs
/// cost the database no more than one. When the database does not answer, the page says so
/// (503) in a fixed phrase, never an error's text; the error goes to the log.
public final class DatabaseStatusPages: StatusPages {
  /// How long one board read is shown to every viewer.
  public static let reuseFor: Duration = .seconds(5)

  private let connection: PGConnection
  private let instance: String
  private let watch: ReturnRateWatch
  private let returnRates: @Sendable () -> [ReturnRateReading]?
  private let logger: Logger
  /// The latest overview read, and when it finished (`nil` while it runs).
  private let latest = Mutex<
    (task: Task<StatusPageAnswer, Never>, finished: ContinuousClock.Instant?)?
  >(nil)

  /// Creates the pages over `database`, served by `instance`, showing the return rates
  /// `returnRates` last counted under `watch`.
  public init(
    database: PGConfiguration, instance: String, watch: ReturnRateWatch,
    returnRates: @escaping @Sendable () -> [ReturnRateReading]?,
    logger: Logger = Logger(label: "verifierd.status-page")
  ) {
    self.logger = logger
    var configuration = database
    configuration.connectTimeoutSeconds = min(configuration.connectTimeoutSeconds, 3)
    configuration.withoutParallelWorkers = true
    connection = PGConnection(configuration: configuration, label: "verifierd.status-page")
    self.instance = instance
    self.watch = watch
    self.returnRates = returnRates
  }

  /// The overview: the read under way, or the last one if it finished less than ``reuseFor``
  /// ago, or a new read.
  public func overview() async -> StatusPageAnswer {
    let now = ContinuousClock.now
    let task = latest.withLock { latest in
      if let latest, latest.finished.map({ now - $0 < Self.reuseFor }) ?? true {
        return latest.task
      }
      let task = Task { await self.readOverview() }
      latest = (task, nil)
      return task
    }
    let answer = await task.value
    latest.withLock { latest in
      if let current = latest, current.task == task, current.finished == nil {
        latest = (task, ContinuousClock.now)
      }
    }
    return answer
  }

  private func readOverview() async -> StatusPageAnswer {
    do {
      let board = try await JobAdmin(connection: connection).statusBoard()
      return StatusPageAnswer(
        status: 200,
        html: StatusPage(
          board: board, returnRates: returnRates(), returnRateWatch: watch, instance: instance
        ).html)
    } catch {
      return unavailable(error)
    }
  }

  /// Job `id`'s timeline, read now.
  public func job(id: Int64) async -> StatusPageAnswer {
    do {
      guard let job = try await JobAdmin(connection: connection).job(id: id) else {
        return StatusPageAnswer(status: 404, html: JobPage.missing(id))
      }
      return StatusPageAnswer(status: 200, html: JobPage(job: job).html)
    } catch {
      return unavailable(error)
    }
  }

  private func unavailable(_ error: any Error) -> StatusPageAnswer {
    logger.warning("status page read failed", metadata: ["error": "\(error)"])
    let reason =
      (error as? PGError)?.isConnectionProblem == true
      ? "the database does not answer" : "the database refused the page's query"
    return StatusPageAnswer(status: 503, html: JobPage.unavailable(reason))
  }

  /// Closes the pages' connection.
  public func close() async {
    await connection.close()
  }
}
