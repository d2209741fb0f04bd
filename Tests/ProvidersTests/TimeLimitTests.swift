import Testing

@testable import Providers

/// ``TimeLimit``: the work's answer when it ends first; `expired`, with the work cancelled, when
/// the limit passes first; the caller's cancellation reaches the work.
@Suite struct TimeLimitTests {
  @Test func workEndingFirstGivesItsAnswer() async {
    let answer = await TimeLimit.run(.seconds(600), expired: "expired") { "done" }
    #expect(answer == "done")
  }

  @Test func workOutlastingTheLimitIsCancelledAndExpires() async {
    let (seen, report) = AsyncStream.makeStream(of: Bool.self)
    let answer = await TimeLimit.run(.milliseconds(20), expired: "expired") {
      await Self.untilCancelled()
      report.yield(Task.isCancelled)
      report.finish()
      return "ended by itself"
    }
    #expect(answer == "expired")
    var reports = seen.makeAsyncIterator()
    #expect(await reports.next() == true)
  }

  @Test func cancellingTheCallerCancelsTheWork() async {
    let (started, start) = AsyncStream.makeStream(of: Void.self)
    let caller = Task {
      await TimeLimit.run(.seconds(600), expired: "expired") {
        start.yield()
        await Self.untilCancelled()
        return Task.isCancelled ? "cancelled" : "not cancelled"
      }
    }
    for await _ in started { break }
    caller.cancel()
    #expect(await caller.value == "cancelled")
  }

  /// Returns once the current task is cancelled; no timer, no polling.
  private static func untilCancelled() async {
    let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    await withTaskCancellationHandler {
      for await _ in stream {}
    } onCancel: {
      continuation.finish()
    }
  }
}
