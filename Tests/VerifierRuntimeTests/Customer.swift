import Foundation
import JobQueue
import Synchronization
import TestSupport

/// Plays the customer: on each `first` or `retry` prompt announced on `verifier_prompts`, reads
/// the real amounts from the sandbox's control API and submits them, wrongly first as the job's
/// `external_ref` says: `wrongN` (N wrong guesses, then right), `never` (always wrong), `silent`
/// (never answers); anything else answers right at once.
final class Customer: Sendable {
  let stack: Stack
  private let listener: PGListener
  private let answered = Mutex<[Int64: Int]>([:])
  private let tasks = Mutex<[Task<Void, Never>]>([])
  private let errors = Mutex<[String]>([])

  private init(stack: Stack, listener: PGListener) {
    self.stack = stack
    self.listener = listener
  }

  /// Starts listening for prompts.
  static func start(_ stack: Stack) async throws -> Customer {
    let holder = Mutex<Customer?>(nil)
    let listener = PGListener(
      configuration: stack.database.configuration, channels: [VerifierChannel.prompts]
    ) { event in
      guard case .notification(let note) = event, let customer = holder.withLock({ $0 }) else {
        return
      }
      customer.handle(note.payload)
    }
    let customer = Customer(stack: stack, listener: listener)
    holder.withLock { $0 = customer }
    try await listener.start()
    return customer
  }

  /// Stops listening and waits for answers under way.
  func stop() async {
    await listener.stop()
    for task in tasks.withLock({ $0 }) { await task.value }
  }

  /// Answers that failed (job and error), so a test can tell a customer who could not answer
  /// from a daemon that did not act on an answer.
  var failures: [String] { errors.withLock { $0 } }

  /// Submissions made per job.
  func submissions(for job: Int64) -> Int { answered.withLock { $0[job] ?? 0 } }

  private func handle(_ payload: String) {
    guard let data = payload.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let job = (object["job_id"] as? NSNumber)?.int64Value,
      let kind = object["kind"] as? String, kind == "first" || kind == "retry"
    else { return }
    let ref = object["external_ref"] as? String ?? ""
    let task = Task {
      do {
        try await self.answer(job: job, ref: ref)
      } catch {
        self.errors.withLock { $0.append("job \(job): \(error)") }
      }
    }
    tasks.withLock { $0.append(task) }
  }

  private func answer(job: Int64, ref: String) async throws {
    if ref == "silent" { return }
    let row = try await stack.database.run(
      "SELECT provider, provider_account_id, bank_link_oid FROM verifier.jobs WHERE id = $1", [job])[
        0]
    let provider: String = try row.decode("provider")
    let path =
      provider == "finicity"
      ? "/_sandbox/finicity/accounts/\(try row.decode("provider_account_id", as: String.self))"
      : "/_sandbox/folio/banklinks/\(try row.decode("bank_link_oid", as: String.self))"
    let cents = try await stack.control("GET", path)["amountsCents"] as? [Int] ?? [1, 1]
    let made = answered.withLock { state -> Int in
      state[job, default: 0] += 1
      return state[job]! - 1
    }
    let wrongGuesses =
      ref == "never" ? Int.max : ref.hasPrefix("wrong") ? Int(ref.dropFirst(5)) ?? 0 : 0
    var amounts = cents
    if made < wrongGuesses { amounts[0] = amounts[0] % 99 + 1 }
    do {
      try await stack.database.run(
        "SELECT verifier.submit_amounts($1, $2::numeric / 100, $3::numeric / 100)",
        [job, amounts[0], amounts[1]])
    } catch let error as PGError where error.sqlState == "23514" && error.column == "job_id" {
      // The job finished (or was asked to cancel) between the prompt and the answer: an
      // application is told so at insert, and so is this customer. Not a failure.
    }
  }
}
