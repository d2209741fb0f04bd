import Foundation

extension JobAdmin {
  /// Deletes jobs finished before `cutoff`, with their submissions, prompts and events, in
  /// batches of `batchSize`, each its own short transaction, so no lock is held long and live jobs
  /// are never touched. Rows another session has locked are skipped, not waited for. Returns the
  /// number of jobs deleted; `dryRun` only counts them.
  public func prune(finishedBefore cutoff: Date, batchSize: Int = 1000, dryRun: Bool = false)
    async throws -> Int
  {
    if dryRun {
      let result = try await connection.query(
        "SELECT count(*) AS n FROM verifier.jobs WHERE finished_at < $1", [cutoff],
        operation: "count prunable jobs")
      return try result[0].decode("n")
    }
    return try await connection.deleteInBatches(
      """
      DELETE FROM verifier.jobs WHERE id IN (
        SELECT id FROM verifier.jobs WHERE finished_at < $1 ORDER BY finished_at LIMIT $2
        FOR UPDATE SKIP LOCKED)
      """, before: cutoff, batchSize: batchSize, operation: "prune finished jobs")
  }
}

extension PGConnection {
  /// Runs `sql` (a `DELETE` of at most `$2` rows older than `$1`, skipping locked ones) until a
  /// batch deletes fewer than `batchSize`, each batch its own short transaction; returns how many
  /// rows went.
  func deleteInBatches(_ sql: String, before cutoff: Date, batchSize: Int, operation: String)
    async throws -> Int
  {
    let size = max(1, batchSize)
    var total = 0
    while true {
      let result = try await query(sql, [cutoff, size], operation: operation)
      total += result.affectedRows
      if result.affectedRows < size { return total }
    }
  }
}
