import DemoSupport
import Foundation
import JobQueue
import Synchronization

/// Plays the customers: on each `first` or `retry` prompt (NOTIFY `verifier_prompts`), reads the
/// amounts from the sandbox's control API, marks the prompt sent and submits the amounts, wrongly
/// first as the job's behaviour says (`wrong1`, `wrong2`, `never`; `silent` never answers).
final class DemoCustomer: Sendable {
  private let database: PGConnection
  private let sandbox: SandboxControl
  private let guesses = Mutex<[Int64: Int]>([:])
  private let work = Mutex<[Task<Void, Never>]>([])

  init(database: PGConnection, sandbox: SandboxControl) {
    self.database = database
    self.sandbox = sandbox
  }

  /// Submissions made so far.
  var submissions: Int { guesses.withLock { $0.values.reduce(0, +) } }

  /// Which path tells the customer of a prompt: jobs with odd ids hear by webhook (the
  /// sandbox's receiver, ``DemoWebhookCustomer``), the others by `LISTEN`, so the demo shows both.
  static func hearsByWebhook(_ job: Int64) -> Bool { job % 2 == 1 }

  /// Prompts answered, by the path they came by.
  let heard = Mutex<(notify: Int, webhook: Int)>((0, 0))

  /// Handles one prompt notification's payload (jobs that hear by webhook are left to it).
  func prompted(_ payload: String) {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
      let job = (object["job_id"] as? NSNumber)?.int64Value, !Self.hearsByWebhook(job),
      let promptID = (object["prompt_id"] as? NSNumber)?.int64Value,
      let kind = object["kind"] as? String, let ref = object["external_ref"] as? String
    else { return }
    prompted(job: job, prompt: promptID, kind: kind, ref: ref, byWebhook: false)
  }

  /// Answers a `first` or `retry` prompt of `job` as its `external_ref` says.
  func prompted(job: Int64, prompt: Int64, kind: String, ref: String, byWebhook: Bool) {
    guard kind == "first" || kind == "retry" else { return }
    let parts = ref.split(separator: ":")
    guard parts.count == 3 else { return }
    let behaviour = String(parts[1])
    heard.withLock {
      if byWebhook { $0.webhook += 1 } else { $0.notify += 1 }
    }
    let task = Task { _ = try? await self.answer(job: job, prompt: prompt, behaviour: behaviour) }
    work.withLock { $0.append(task) }
  }

  /// Waits for answers under way.
  func finish() async {
    for task in work.withLock({ $0 }) { await task.value }
  }

  private func answer(job: Int64, prompt: Int64, behaviour: String) async throws {
    guard behaviour != "silent" else { return }
    let row = try await database.query(
      "SELECT provider, provider_account_id, bank_link_oid FROM verifier.jobs WHERE id = $1", [job],
      operation: "read job")[0]
    var cents: [Int]
    if try row.decode("provider", as: String.self) == "finicity" {
      cents = try await sandbox.amounts(finicityAccount: try row.decode("provider_account_id"))
    } else {
      cents = try await sandbox.amounts(bankLink: try row.decode("bank_link_oid"))
    }
    guard cents.count == 2 else { return }
    let made = guesses.withLock { state -> Int in
      state[job, default: 0] += 1
      return state[job]! - 1
    }
    let wrong =
      switch behaviour {
      case "wrong1": 1
      case "wrong2": 2
      case "never": Int.max
      default: 0
      }
    if made < wrong { cents[0] = cents[0] % 99 + 1 }
    let (first, second) = (cents[0], cents[1])
    try await database.withTransaction { session in
      try session.query(
        "UPDATE verifier.prompts SET sent_at = now() WHERE id = $1", [prompt],
        operation: "mark sent")
      try session.query(
        "SELECT verifier.submit_amounts($1, $2::numeric / 100, $3::numeric / 100)",
        [job, first, second], operation: "submit amounts")
    }
  }
}
