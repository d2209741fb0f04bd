import Foundation
import JobQueue
import TestSupport

/// Everything an operator or an application can see after a run, labelled by where it came from.
struct LeakEvidence {
  /// Collected texts: where each came from, and the text.
  private(set) var texts: [(source: String, text: String)] = []

  /// Adds one text.
  mutating func add(_ source: String, _ text: String) {
    texts.append((source, text))
  }

  /// Scans every text, once the documented figures are taken out of it.
  func findings(_ scanner: LeakScanner) -> [LeakScanner.Finding] {
    texts.flatMap { source, text in
      var scanned = text
      for phrase in LeakScanner.documentedPhrases {
        scanned = scanned.replacingOccurrences(of: phrase, with: "(documented)")
      }
      return scanner.scan(scanned, source: source)
    }
  }

  /// Adds every row of the tables applications and operators read, as JSON text: all of
  /// `verifier.events` and `verifier.prompts`; the daemon's columns of `verifier.jobs` (state,
  /// outcome, provider code and message, bookkeeping, lease, provider account id, last four) but
  /// not the inputs the application wrote (the account numbers are stored there on purpose until
  /// the provider confirms); and `verifier.amount_submissions` but not the amounts the application
  /// wrote. Returns the number of event rows.
  @discardableResult
  mutating func addTables(_ database: TestDatabase) async throws -> Int {
    let queries = [
      ("events table", "SELECT row_to_json(e)::text AS t FROM verifier.events e ORDER BY id"),
      ("prompts table", "SELECT row_to_json(p)::text AS t FROM verifier.prompts p ORDER BY id"),
      ("outbox table", "SELECT row_to_json(o)::text AS t FROM verifier.outbox o ORDER BY id"),
      (
        "jobs table (daemon's columns)",
        """
        SELECT json_build_object('id', id, 'state', state, 'outcome', outcome,
                 'provider_code', provider_code, 'provider_message', provider_message, 'data', data,
                 'lease_owner', lease_owner, 'external_ref', external_ref,
                 'provider_account_id', provider_account_id, 'account_last4', account_last4,
                 'attempts_remaining', attempts_remaining, 'claim_count', claim_count)::text AS t
          FROM verifier.jobs ORDER BY id
        """
      ),
      (
        "amount_submissions table (daemon's columns)",
        """
        SELECT json_build_object('id', id, 'job_id', job_id, 'status', status, 'reason', reason,
                 'attempts_remaining', attempts_remaining)::text AS t
          FROM verifier.amount_submissions ORDER BY id
        """
      ),
    ]
    var eventRows = 0
    let connection = database.connect()
    for (source, sql) in queries {
      let rows = try await connection.query(sql, operation: "collect \(source)").rows
      if source == "events table" { eventRows = rows.count }
      add(source, try rows.map { try $0.decode("t", as: String.self) }.joined(separator: "\n"))
    }
    return eventRows
  }

  /// Runs `verifierd` with `arguments` to completion (off the test's executor).
  static func verifierd(_ arguments: [String]) async throws -> ChildProcess.Result {
    try await RunningChild.start(DaemonProcess.verifierd, arguments).wait()
  }

  /// Adds `status`, `status --json`, `jobs show ID` for every job and `jobs show ID --json` for
  /// the jobs in `jsonSample`, run as the operator would against `url`. Returns the commands
  /// that did not exit 0.
  mutating func addOperatorOutput(url: String, jobs: [Int64], jsonSample: Set<Int64>) async throws
    -> [String]
  {
    var commands = [["status"], ["status", "--json"]]
    commands += jobs.map { ["jobs", "show", "\($0)"] }
    commands += jsonSample.sorted().map { ["jobs", "show", "\($0)", "--json"] }
    var failed: [String] = []
    // A few at a time: each is a process start and a connection.
    for batch in stride(from: 0, to: commands.count, by: 4) {
      let slice = commands[batch..<min(batch + 4, commands.count)]
      let results = try await withThrowingTaskGroup(of: ([String], ChildProcess.Result).self) {
        group in
        for command in slice {
          group.addTask { (command, try await Self.verifierd(command + ["--database-url", url])) }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      for (command, result) in results {
        let name = "verifierd " + command.joined(separator: " ")
        add(name + " (stdout)", result.output)
        add(name + " (stderr)", result.errors)
        if result.status != 0 || result.output.isEmpty { failed.append(name) }
      }
    }
    return failed
  }

  /// The throwaway server's log, when the tests run on one (`scripts/test` exports its folder).
  static var serverLogPath: String? {
    ProcessInfo.processInfo.environment["PGTHROWAWAY_DIR"].map { $0 + "/server.log" }
  }

  /// The server log's size now: what ``addServerLog(from:)`` skips.
  static func serverLogSize() -> UInt64? {
    guard let path = serverLogPath,
      let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
    else { return nil }
    return size.uint64Value
  }

  /// Adds what the server logged after `offset`, less the `STATEMENT:` lines (and their
  /// continuation lines): those echo the SQL text a client sent, literals and all, which is the
  /// client's to bind; and less the server's housekeeping (checkpoints, autovacuum), whose
  /// timings (`total=0.016 s`) read as amounts. Returns the text added.
  @discardableResult
  mutating func addServerLog(from offset: UInt64) throws -> String {
    guard let path = Self.serverLogPath, let file = FileHandle(forReadingAtPath: path) else {
      return ""
    }
    defer { try? file.close() }
    try file.seek(toOffset: offset)
    let text = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
    var kept: [Substring] = []
    var skipping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.contains(" STATEMENT:  ") {
        skipping = true
      } else if line.contains(" LOG:  checkpoint ") || line.contains(" LOG:  automatic ") {
        skipping = true
      } else if !(skipping && line.hasPrefix("\t")) {
        skipping = false
        kept.append(line)
      }
    }
    let log = kept.joined(separator: "\n")
    add("PostgreSQL server log", log)
    return log
  }
}
