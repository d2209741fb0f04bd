import ArgumentParser
import AsyncHTTPClient
import DemoSupport
import Foundation
import JobQueue

/// `lifecycle-benchmark`: the client side of `scripts/bench-lifecycle`. It seeds a database,
/// enqueues Finicity verifications by plain SQL (a burst, or an open loop at a fixed rate) and
/// plays their customers, and prints what the database's own clocks say. It measures nothing of
/// the daemon's process: the script reads that from `/proc` around each phase.
@main
struct LifecycleBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lifecycle-benchmark",
    abstract: "Seed, enqueue and answer Finicity lifecycles for scripts/bench-lifecycle.",
    subcommands: [Seed.self, Burst.self, OpenLoop.self])
}

/// What every phase needs: the database and the sandbox.
struct BenchTarget: ParsableArguments {
  @Option(help: "The database (libpq URI).") var databaseURL: String
  @Option(help: "The provider sandbox's base URL.") var sandboxURL = ""
  @Option(help: "Names this phase's jobs (external_ref and customer ids start with it).")
  var tag = "bench"
  @Option(help: "The first job's account number, less the suffix (phases must not overlap).")
  var accountsFrom = 1_000_000
  @Option(help: "Give up after this many seconds.") var timeout = 600
}

extension LifecycleBenchmark {
  /// Writes finished history and far-off live jobs.
  struct Seed: AsyncParsableCommand {
    @OptionGroup var target: BenchTarget
    @Option(help: "Finished jobs, five events each.") var history = 0
    @Option(help: "Live jobs awaiting amounts, due days ahead.") var waiting = 0

    func run() async throws {
      let database = PGConnection(
        configuration: PGConfiguration(connectionString: target.databaseURL))
      let clock = ContinuousClock()
      let start = clock.now
      try await BenchSeeder.seed(history: history, waiting: waiting, database: database)
      print("seeded \(history) finished jobs and \(waiting) waiting in \(clock.now - start)")
    }
  }

  /// Enqueues `jobs` at once and waits until all have finished.
  struct Burst: AsyncParsableCommand {
    @OptionGroup var target: BenchTarget
    @Option(help: "Lifecycles to enqueue.") var jobs = 2000

    func run() async throws {
      try await BenchRun.play(target) { enqueue in
        try await enqueue.burst(jobs)
      }
      try await BenchReport.burst(target)
    }
  }

  /// Enqueues at `rate` per second for `seconds`, one insert each, and reports pickup latency.
  struct OpenLoop: AsyncParsableCommand {
    @OptionGroup var target: BenchTarget
    @Option(help: "Inserts per second.") var rate = 50.0
    @Option(help: "How long to insert.") var seconds = 20.0

    func run() async throws {
      try await BenchRun.play(target) { enqueue in
        try await enqueue.openLoop(rate: rate, seconds: seconds)
      }
      try await BenchReport.pickup(target)
    }
  }
}
