import AsyncHTTPClient
import DemoSupport
import Foundation
import JobQueue
import Synchronization

/// One phase: a customer listening for prompts, an enqueuer, and a wait for every job of the
/// phase's tag to finish (heard on `verifier_finished`).
enum BenchRun {
  static func play(
    _ target: BenchTarget, enqueue: (BenchEnqueuer) async throws -> (jobs: Int, statements: Int)
  )
    async throws
  {
    let configuration = PGConfiguration(connectionString: target.databaseURL)
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    let customer = BenchCustomer(
      database: PGConnection(configuration: configuration),
      sandbox: SandboxControl(baseURL: target.sandboxURL, http: http))
    let finished = Atomic<Int>(0)
    let (allDone, done) = AsyncStream.makeStream(of: Void.self)
    let expected = Mutex<Int?>(nil)
    let prefix = "\"external_ref\" : \"\(target.tag):"
    let listener = PGListener(
      configuration: configuration, channels: [VerifierChannel.prompts, VerifierChannel.finished]
    ) { event in
      guard case .notification(let note) = event else { return }
      if note.channel == VerifierChannel.prompts {
        customer.prompted(note.payload)
      } else if note.payload.contains(prefix) {
        let count = finished.add(1, ordering: .relaxed).newValue
        if let total = expected.withLock({ $0 }), count >= total { done.yield() }
      }
    }
    try await listener.start()
    let enqueuer = BenchEnqueuer(
      database: PGConnection(configuration: configuration), tag: target.tag,
      accountsFrom: target.accountsFrom)
    let (total, statements) = try await enqueue(enqueuer)
    expected.withLock { $0 = total }
    if finished.load(ordering: .relaxed) >= total { done.yield() }
    let timeout = Task {
      try await Task.sleep(for: .seconds(target.timeout))
      done.finish()
    }
    var iterator = allDone.makeAsyncIterator()
    _ = await iterator.next()
    timeout.cancel()
    await listener.stop()
    try await http.shutdown()
    let heard = finished.load(ordering: .relaxed)
    print(
      "enqueued \(total), finished \(heard), submissions \(customer.submissions), "
        + "client transactions \(statements + customer.transactions)")
    if heard < total {
      FileHandle.standardError.write(
        Data(
          "lifecycle-benchmark: \(total - heard) jobs did not finish in \(target.timeout) s\n".utf8)
      )
    }
  }
}
