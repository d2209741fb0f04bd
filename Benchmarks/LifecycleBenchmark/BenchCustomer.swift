import DemoSupport
import Foundation
import JobQueue
import Synchronization

/// Plays the benchmark's customers: every `first` prompt announced on `verifier_prompts` is
/// answered with the right amounts, read from the sandbox's control API. Prompts that arrive
/// while a round is under way wait and go together in the next: one query reads their accounts,
/// one sandbox request their amounts, and one transaction marks the prompts sent and submits,
/// so the customer costs the database a few statements per round, not per job (an application
/// answering many customers would batch the same way).
final class BenchCustomer: Sendable {
  private struct Pending {
    var prompts: [(prompt: Int64, job: Int64)] = []
    var running = false
  }

  private let database: PGConnection
  private let sandbox: SandboxControl
  private let pending = Mutex(Pending())
  private let answered = Atomic<Int>(0)
  private let rounds = Atomic<Int>(0)

  init(database: PGConnection, sandbox: SandboxControl) {
    self.database = database
    self.sandbox = sandbox
  }

  /// Submissions made so far.
  var submissions: Int { answered.load(ordering: .relaxed) }

  /// Transactions the customer ran so far (two a round: the accounts' read, the submission).
  var transactions: Int { 2 * rounds.load(ordering: .relaxed) }

  /// Handles one prompt notification's payload.
  func prompted(_ payload: String) {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
      let job = (object["job_id"] as? NSNumber)?.int64Value,
      let prompt = (object["prompt_id"] as? NSNumber)?.int64Value,
      object["kind"] as? String == "first"
    else { return }
    let start = pending.withLock { state -> Bool in
      state.prompts.append((prompt, job))
      guard !state.running else { return false }
      state.running = true
      return true
    }
    if start { Task { await self.drain() } }
  }

  /// Answers rounds until no prompt waits.
  private func drain() async {
    while true {
      let round = pending.withLock { state -> [(prompt: Int64, job: Int64)] in
        let round = state.prompts
        state.prompts = []
        if round.isEmpty { state.running = false }
        return round
      }
      guard !round.isEmpty else { return }
      do { try await answer(round) } catch {
        FileHandle.standardError.write(Data("customer round failed: \(error)\n".utf8))
      }
    }
  }

  private func answer(_ round: [(prompt: Int64, job: Int64)]) async throws {
    rounds.add(1, ordering: .relaxed)
    let rows = try await database.query(
      "SELECT id, provider_account_id FROM verifier.jobs WHERE id = ANY($1::bigint[])",
      [PGArray(round.map(\.job))], operation: "read accounts")
    var accounts: [Int64: String] = [:]
    for row in rows.rows {
      accounts[try row.decode("id")] = try row.decodeIfPresent("provider_account_id")
    }
    let byAccount = try await sandbox.amounts(finicityAccounts: Array(Set(accounts.values)))
    let amounts = accounts.compactMapValues { byAccount[$0] }.filter { $0.value.count == 2 }
    let ready = round.filter { amounts[$0.job] != nil }
    guard !ready.isEmpty else { return }
    let (prompts, jobs) = (PGArray(ready.map(\.prompt)), PGArray(ready.map(\.job)))
    let first = PGArray(ready.map { amounts[$0.job]![0] })
    let second = PGArray(ready.map { amounts[$0.job]![1] })
    try await database.withTransaction { session in
      try session.query(
        "UPDATE verifier.prompts SET sent_at = now() WHERE id = ANY($1::bigint[])", [prompts],
        operation: "mark sent")
      try session.query(
        """
        SELECT count(verifier.submit_amounts(u.job, u.first::numeric / 100, u.second::numeric / 100))
          FROM unnest($1::bigint[], $2::integer[], $3::integer[]) AS u(job, first, second)
        """, [jobs, first, second], operation: "submit amounts")
    }
    answered.add(ready.count, ordering: .relaxed)
  }
}
